. "$CASE/../_ailines_lib.sh"
# A TODO on an AI-written line (5) and one on a human line (6): only the
# first result names the tool and model.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    # TODO: refunds
    # TODO: currencies
    return amount
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-5,7"
