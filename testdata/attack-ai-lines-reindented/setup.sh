. "$CASE/../_ailines_lib.sh"
# Claude's lines, re-indented by a later human commit (wrapped in a class):
# white space at either end does not hide them.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    if amount <= 0:
        raise ValueError(amount)
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-6"
{ printf 'import logging\n\nlog = logging.getLogger(__name__)\nclass Pay:\n'
  sed -n '4,$p' src/pay/charge.py | sed 's/^/    /'; } > ../re
mv ../re src/pay/charge.py
commit "class"
