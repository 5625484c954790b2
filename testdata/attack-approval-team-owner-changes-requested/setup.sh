. "$CASE/../_approval_lib.sh"
own_auth @acme/security
printf 'def check(token):\n    return True\n' > src/auth/session.py
commit "Accept every token"
printf '{"acme/security": ["sam", "sue"]}\n' > ../teams.json
reviews "$(review sue CHANGES_REQUESTED 2026-01-02T09:00:00Z MEMBER)" "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
