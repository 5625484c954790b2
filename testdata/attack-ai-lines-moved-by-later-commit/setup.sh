. "$CASE/../_ailines_lib.sh"
# Claude writes charge() (lines 4-6, note on that commit); a later human
# commit without a note inserts lines above it, so the note's line numbers
# no longer name the AI lines at the head. They are still AI-written.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    if amount <= 0:
        raise ValueError(amount)
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-6"
{ printf 'import logging\n\nlog = logging.getLogger(__name__)\n'
  printf 'LIMIT = 100\nCURRENCY = "EUR"\n'
  sed -n '4,$p' src/pay/charge.py; } > ../moved
mv ../moved src/pay/charge.py
commit "limits"
