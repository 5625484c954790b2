. "$CASE/../_ailines_lib.sh"
# A human changes the payments tier; in the same change an AI only touched
# a comment of docs/guide.md and of src/util.py. The payments tier's extra
# approval is for AI-written lines in its own files: none is needed, and
# nobody approved.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    log.info("charged %s", amount)
    return amount
PY
printf '# Guide\n<!-- reviewed by the assistant -->\n' > docs/guide.md
printf '# helpers, tidied by the assistant\n' > src/util.py
commit "charge"
ai_note HEAD "docs/guide.md 2" "src/util.py 1"
approve
