. "$CASE/../_ailines_lib.sh"
# Claude's block (lines 8-10) has no log call within 2 lines; the human's
# function above it has one, which does not count for the block.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    log.info("charged %s", amount)
    return amount


def refund(amount):
    total = -amount
    return total
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 9-11"
approve sam
