. "$CASE/../_ailines_lib.sh"
# Only the first of three commits has Claude's note; the two human commits
# on top do not launder its lines out of the extra approval.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    log.info("charged %s", amount)
    return amount
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-6"
printf 'def refund(amount):\n    log.info("refund")\n' >> src/pay/charge.py
commit "refund"
printf '# end\n' >> src/pay/charge.py
commit "end"
approve
