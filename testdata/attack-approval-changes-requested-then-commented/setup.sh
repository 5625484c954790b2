. "$CASE/../_approval_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
commit "Accept every token"
reviews "$(review sam CHANGES_REQUESTED 2026-01-02T09:00:00Z OWNER)" "$(review sue APPROVED 2026-01-02T10:00:00Z MEMBER)" "$(review sam COMMENTED 2026-01-02T11:00:00Z OWNER)"
