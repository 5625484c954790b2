. "$CASE/../_approval_lib.sh"
# GitLab: "^[Section name]" is optional; its owners are asked, never required.
printf '[Security] @sam\n/src/auth/\n\n^[Python] @dora\n*.py\n' > .github/CODEOWNERS
git add -A && git commit -q -m "GitLab owners" && git branch -f main HEAD
printf 'def check(token):\n    return bool(token)\n' > src/auth/session.py
commit "Tighten the token check"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
