# Security's approval is enough for 2 changed lines; for 602 the
# large-change rule applies and needs two maintainers.
cp reviews-small.json small.json
"$RISKGATE" check --repo repo --base main --head feature \
	--policy "$CASE/../_policies/rule-when.json" --json small-out.json \
	--approvals small.json --permissions "$CASE/../_permissions.json" \
	--teams "$CASE/../_teams-rules.json" --no-color --no-labels --target-branch main
rc=$?
[ "$rc" = 0 ] || { echo "small change: exit $rc, expected 0"; exit 97; }
"$RISKGATE" check --repo repo --base main --head large \
	--policy "$CASE/../_policies/rule-when.json" --json out.json \
	--approvals reviews.json --permissions "$CASE/../_permissions.json" \
	--teams "$CASE/../_teams-rules.json" --no-color --no-labels --target-branch main
