. "$CASE/../_ailines_lib.sh"
# 50 added lines (4-53), every other one AI-written: 24 single-line ranges
# by Claude (4, 6, ..., 50) and one by Codex (52). The step summary lists
# the first 20 ranges of a file and counts the rest; SARIF lists all 25.
i=1
while [ $i -le 50 ]; do
	printf 'x%d = %d\n' "$i" "$i" >> src/pay/charge.py
	i=$((i + 1))
done
commit "many"
claude=4
i=6
while [ $i -le 50 ]; do
	claude="$claude,$i"
	i=$((i + 2))
done
ai_note HEAD "src/pay/charge.py $claude" "codex:src/pay/charge.py 52"
