# The same change and the same approval (security only): it passes against
# main, where the payments rule does not apply, and fails against
# release/1.0, where it does.
. "$CASE/../_rule_when_run.sh"
rw_check main.json --no-labels --target-branch main
rc=$?
[ "$rc" = 0 ] || { echo "against main: exit $rc, expected 0"; exit 97; }
jq -e '[.requirements[] | select(.check == "approval_rules")][0].detail | test("rule \"payments\": not applicable: target_branch: target branch \"main\" does not match \\^release/")' main.json >/dev/null || { echo "against main: payments not shown as not applicable"; exit 96; }
rw_check out.json --no-labels --target-branch release/1.0
