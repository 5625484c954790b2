. "$CASE/../_teams_policy_lib.sh"
payments_change
R1=$(review pat APPROVED 2026-01-02T10:00:00Z)
R2=$(review sam APPROVED 2026-01-02T10:05:00Z)
git checkout -q main
printf '# Services\n' > README.md
commit "README"
git checkout -q feature
git merge -q --no-edit main
reviews "$R1" "$R2"
