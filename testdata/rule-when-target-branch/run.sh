# The same change and the same approval (security only): it passes against
# main, where the payments rule does not apply, and fails against
# release/1.0, where it does.
. "$CASE/../_rule_when_run.sh"
# explain shows the rule with its condition, in the text and in the JSON.
"$RISKGATE" explain --policy "$CASE/../_policies/rule-when.json" src/auth/session.py
"$RISKGATE" explain --json --policy "$CASE/../_policies/rule-when.json" src/auth/session.py >explain.json
jq -e '[.. | .approval_rules? // empty][0][1].when.target_branch == "^release/"' explain.json >/dev/null || { echo "explain --json lacks the payments rule's when"; exit 95; }
rw_check main.json --no-labels --target-branch main
rc=$?
[ "$rc" = 0 ] || { echo "against main: exit $rc, expected 0"; exit 97; }
jq -e '[.requirements[] | select(.check == "approval_rules")][0].detail | test("rule \"payments\": not applicable: target_branch: target branch \"main\" does not match \\^release/")' main.json >/dev/null || { echo "against main: payments not shown as not applicable"; exit 96; }
rw_check out.json --no-labels --target-branch release/1.0 --simulate-approve sue
