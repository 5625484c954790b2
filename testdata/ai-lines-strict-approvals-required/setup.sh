. "$CASE/../_ailines_lib.sh"
# Claude's lines land in the payments tier, which asks one more approval
# for them; nobody approved.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    log.info("charged %s", amount)
    return amount
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-6"
approve
