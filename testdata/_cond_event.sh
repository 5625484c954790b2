# Runs `check` on the cond repository with the context of ../event.json as
# the Action passes it (tools/action.sh): `github-event` reads and validates
# the payload, and each field it prints becomes an option. Sourced by run.sh
# (cwd: the case's directory); riskgate's exit status is the script's.
"$RISKGATE" github-event --name pull_request event.json >event.txt || exit $?
set -- check --repo repo --base main --head feature --policy policy.json --json out.json \
	--approvals reviews.json --permissions "$CASE/../_permissions.json"
known=false
nlabels=0
while IFS= read -r line; do
	value=${line#*=}
	case "$line" in
	target_branch=*) set -- "$@" --target-branch "$value" ;;
	head_ref=*) set -- "$@" --source-branch "$value" ;;
	title=*) set -- "$@" --title "$value" ;;
	author=*) set -- "$@" --author "$value" ;;
	label=*) set -- "$@" --label "$value"; nlabels=$((nlabels + 1)) ;;
	labels_known=*) known=$value ;;
	esac
done <event.txt
[ "$known" = true ] && [ "$nlabels" -eq 0 ] && set -- "$@" --no-labels
"$RISKGATE" "$@"
