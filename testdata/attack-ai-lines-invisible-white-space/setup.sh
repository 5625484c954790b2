. "$CASE/../_ailines_lib.sh"
# Claude's lines, then a human commit adds a form feed, a no-break space and
# a zero-width space to them and doubles an inner space: the same program,
# the same lines.
printf 'def charge(amount):\n    total = amount + 1\n    return total\n' >> src/pay/charge.py
commit "charge"
ai_note HEAD "src/pay/charge.py 4-6"
sed -e '4s/$/\f/' -e '5s/ = /  =\xc2\xa0/' -e '6s/return/\xe2\x80\x8breturn/' src/pay/charge.py > ../c
mv ../c src/pay/charge.py
commit "spaces"
