. "$CASE/../_ailines_lib.sh"
# The same TODO warns on the human's line 7 and fails on Claude's line 5;
# print() is looked for on Claude's lines only (line 6 yes, line 8 no).
# Claude's block 4-6 has no log call within 2 lines: a finding too.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    # TODO: refunds
    print(amount)
    # TODO: currencies
    print("human")
    log.info("charged %s", amount)
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-6,9"
approve sam
