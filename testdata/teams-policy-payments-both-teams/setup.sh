. "$CASE/../_teams_policy_lib.sh"
payments_change
reviews "$(review pat APPROVED 2026-01-02T10:00:00Z)" "$(review sam APPROVED 2026-01-02T10:05:00Z)"
