. "$CASE/../_approval_lib.sh"
# The attempt: the auth code is also owned by an optional section, whose
# owner approves, hoping that a matching optional section stands in for the
# required one. Optional sections never block, and never satisfy another
# section either: [Security] still needs @sam.
printf '[Security] @sam\n/src/auth/\n\n^[Python] @dora\n*.py\n' > .github/CODEOWNERS
git add -A && git commit -q -m "GitLab owners" && git branch -f main HEAD
printf 'def check(token):\n    return True\n' > src/auth/session.py
commit "Accept every token"
reviews "$(review dora APPROVED 2026-01-02T10:00:00Z MEMBER)"
