. "$CASE/../_ailines_lib.sh"
# Lines 4-6 by Claude, 8 by Codex, 7 and 9 by a human; line 8 repeats a
# base line's text but is attested here by number, so it counts.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    if amount <= 0:
        raise ValueError(amount)
    # human: checked by hand
    log = logging.getLogger(__name__)
    return amount
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-6" "codex:src/pay/charge.py 8"
