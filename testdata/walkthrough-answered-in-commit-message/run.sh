"$RISKGATE" check --repo repo --base main --head feature --policy "$CASE/../_policies/walkthrough.json" --json out.json
rc=$?
head=$(cat head.txt)
jq -e --arg h "$head" '.walkthrough[1].source == $h' out.json >/dev/null || { echo "source is not the commit $head"; exit 9; }
exit $rc
