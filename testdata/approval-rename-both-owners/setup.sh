. "$CASE/../_approval_lib.sh"
git mv src/auth/session.py src/util/session.py
commit "Move the session check to util"
reviews "$(review dora APPROVED 2026-01-02T10:00:00Z MEMBER)" "$(review sue APPROVED 2026-01-02T10:00:00Z MEMBER)"
