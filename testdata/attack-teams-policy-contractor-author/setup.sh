. "$CASE/../_teams_policy_lib.sh"
printf 'def view():\n    return 2\n' > services/web/app/views.py
commit "View returns 2"
reviews "$(review alice APPROVED 2026-01-02T10:00:00Z)"
