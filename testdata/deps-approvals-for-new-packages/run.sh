"$RISKGATE" check --repo repo --base main --head feature --policy policy.json --approvals sam.json --teams teams.json --permissions perms.json --json sam.out >/dev/null
a=$?
"$RISKGATE" check --repo repo --base main --head feature --policy policy.json --approvals dora.json --teams teams.json --permissions perms.json --json out.json
b=$?
echo "sam $a dora $b"
[ "$a" = 0 ] && [ "$b" = 1 ]
