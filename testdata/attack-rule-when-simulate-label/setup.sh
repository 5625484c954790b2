. "$CASE/../_rule_when_lib.sh"
printf 'timeout = 0\n' > config/app.toml
commit "No timeout"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
