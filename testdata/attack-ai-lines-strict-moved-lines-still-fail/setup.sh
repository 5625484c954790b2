. "$CASE/../_ailines_lib.sh"
# Claude's print() (line 6, noted) is moved down by a later human commit
# without a note, hoping the note's line numbers miss it: it is still
# AI-written, and still an error.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    log.info("charge")
    print(amount)
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-6"
{ printf 'import logging\n\nlog = logging.getLogger(__name__)\nLIMIT = 1\nMAX = 2\n'
  sed -n '4,$p' src/pay/charge.py; } > ../moved
mv ../moved src/pay/charge.py
commit "limits"
approve sam
