. "$CASE/../_approval_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
commit "Accept every token"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z OWNER "$(git rev-parse main)")"
