. "$CASE/../_ailines_lib.sh"
# Claude's TODO, re-indented by a later human commit: still AI-written, so
# still an error rather than the human's warning.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    log.info("charge")  # TODO: refunds
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-5"
{ printf 'import logging\n\nlog = logging.getLogger(__name__)\nclass Pay:\n'
  sed -n '4,$p' src/pay/charge.py | sed 's/^/    /'; } > ../re
mv ../re src/pay/charge.py
commit "class"
approve sam
