. "$CASE/../_ailines_lib.sh"
# Claude writes ledger.py; a later commit moves it and pads it past the
# policy's max_file_size (too different to be found as a rename): the lines
# may be in the new file, which cannot be read, so the check is an error.
printf 'def post(entry):\n    print(entry)\n' > src/pay/ledger.py
commit "ledger"
ai_note HEAD "src/pay/ledger.py 1-2"
git mv src/pay/ledger.py src/pay/billing.py
i=0
while [ $i -lt 120 ]; do echo "# padding line $i of the billing module"; i=$((i + 1)); done >> src/pay/billing.py
commit "billing"
