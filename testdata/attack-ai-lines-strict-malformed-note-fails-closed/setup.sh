. "$CASE/../_ailines_lib.sh"
# The AI commit's note is garbled (a range that ends before it starts) so
# that no line could be attributed: an input error, never a pass.
printf 'def charge(amount):\n    print(amount)\n' >> src/pay/charge.py
commit "charge"
ai_note HEAD "src/pay/charge.py 5-4"
printf '# end\n' >> src/pay/charge.py
commit "end"
approve
