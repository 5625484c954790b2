. "$CASE/../_ailines_lib.sh"
# The note puts Claude's lines in a file the commit does not have, so that
# the file it did write looks human: a note that cannot be checked is an
# input error, never "no AI lines".
printf 'def charge(amount):\n    return amount\n' >> src/pay/charge.py
commit "charge"
ai_note HEAD "src/pay/elsewhere.py 1-2"
