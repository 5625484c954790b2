. "$CASE/../_approval_lib.sh"
printf 'def helper():\n    return 2\n' > src/util/helper.py
commit "Helper returns 2"
reviews "$(review alice APPROVED 2026-01-02T10:00:00Z MEMBER)" "$(review bob APPROVED 2026-01-02T10:05:00Z MEMBER)"
