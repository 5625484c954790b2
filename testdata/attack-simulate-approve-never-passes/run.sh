# Every login that could approve is simulated: the simulation passes, the
# gate does not. The exit code is the real verdict's, and the report without
# its "simulation" object is the same as a run without simulation.
set -u
args='check --repo repo --base main --head feature --policy "$CASE/../_simulate/policy.json" --approvals reviews.json --permissions "$CASE/../_permissions.json" --pusher mallory'
eval "\"\$RISKGATE\" $args --json real.json" >/dev/null
eval "\"\$RISKGATE\" $args --simulate-approve sam,@carol --simulate-approve sue --format json" >out.json
code=$?
cat out.json
jq -e '.simulation.verdict == "pass" and .simulation.real_verdict == "fail"' out.json >/dev/null ||
	{ echo "the simulation did not pass"; exit 9; }
jq -S 'del(.simulation)' out.json >sim-stripped.json
jq -S . real.json >real-sorted.json
cmp -s sim-stripped.json real-sorted.json || { echo "the real report changed"; diff real-sorted.json sim-stripped.json | head; exit 9; }
echo "real report unchanged"
exit $code
