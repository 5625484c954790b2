. "$CASE/../_approval_lib.sh"
# The attempt: an exclusion in the [Docs] section names the auth code, hoping
# it frees the auth code from every section. GitLab's exclusions apply to
# their own section only, so [Security] still needs @sam.
printf '[Security] @sam\n/src/auth/\n\n[Docs] @dora\n!/src/auth/\n*.py\n' > .github/CODEOWNERS
git add -A && git commit -q -m "GitLab owners" && git branch -f main HEAD
printf 'def check(token):\n    return True\n' > src/auth/session.py
commit "Accept every token"
reviews "$(review dora APPROVED 2026-01-02T10:00:00Z MEMBER)"
