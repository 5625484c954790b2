. "$CASE/../_approval_lib.sh"
printf 'def check(token):\n    return token == "s3cret"\n' > src/auth/session.py
commit "Compare the token"
reviews "$(review sue APPROVED 2026-01-02T08:00:00Z OWNER)" "$(review sue DISMISSED 2026-01-02T09:00:00Z OWNER)" "$(review reed APPROVED 2026-01-02T09:10:00Z MEMBER)" "$(review reed CHANGES_REQUESTED 2026-01-02T09:20:00Z MEMBER)" "$(review sam APPROVED 2026-01-02T10:00:00Z OWNER)"
