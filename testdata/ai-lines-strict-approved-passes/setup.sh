. "$CASE/../_ailines_lib.sh"
# As ai-lines-strict-approvals-required, with the approval.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    log.info("charged %s", amount)
    return amount
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-6"
approve sam
