. "$CASE/../_ailines_lib.sh"
# Three commits; only the first, Claude's, has a note. A human commit after
# it (a note with only a human's lines) and one without a note do not
# launder its lines.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    return amount * 100
PY
commit "charge"
ai_note HEAD "src/pay/charge.py 4-5"
printf 'def refund(amount):\n    return -amount\n' >> src/pay/charge.py
commit "refund"
cat > ../note <<'NOTE'
src/pay/charge.py
  h_31dce776f88375 6-7
---
{"schema_version": "authorship/3.0.0", "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
 "prompts": {}, "humans": {"h_31dce776f88375": {"author": "Dev <dev@example.com>"}}}
NOTE
git notes --ref=ai add -F ../note HEAD
printf '# end\n' >> src/pay/charge.py
commit "end"
