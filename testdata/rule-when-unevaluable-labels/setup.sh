. "$CASE/../_rule_when_lib.sh"
printf 'def helper():\n    return 2\n' > src/util/helper.py
commit "Return two"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
