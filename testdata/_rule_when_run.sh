# For the run.sh of rule-when-* cases (cwd: the case's directory, holding
# repo/ and reviews.json): rw_check JSON ARGS... runs `check` on
# main..feature with the policy _policies/rule-when.json, the teams of
# _teams-rules.json and the reviews of reviews.json, prints its output, and
# returns its exit code.
rw_check() {
	out=$1
	shift
	"$RISKGATE" check --repo repo --base main --head feature \
		--policy "$CASE/../_policies/rule-when.json" --json "$out" \
		--approvals reviews.json --permissions "$CASE/../_permissions.json" \
		--teams "$CASE/../_teams-rules.json" --no-color "$@"
}
