. "$CASE/../_ailines_lib.sh"
# The note attests lines the file does not have at its commit.
printf 'def charge(amount):\n    return amount\n' >> src/pay/charge.py
commit "charge"
ai_note HEAD "src/pay/charge.py 4-40"
