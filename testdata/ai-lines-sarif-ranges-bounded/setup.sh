. "$CASE/../_ailines_lib.sh"
# 20,006 added lines (4-20009), every other one AI-written: 10,003
# single-line ranges, three more than SARIF lists in run.artifacts. The
# note is written here (ai_note's shell pattern matching is slow on a
# 60 kB range list), with ai_note's sessions.
awk 'BEGIN { for (i = 1; i <= 20006; i++) printf "x%d = %d\n", i, i }' >> src/pay/charge.py
commit "many"
{
	printf 'src/pay/charge.py\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 4'
	awk 'BEGIN { for (i = 6; i <= 20008; i += 2) printf ",%d", i; print "" }'
	ai_note_meta
} > ../note
git notes --ref=ai add -f -F ../note HEAD
