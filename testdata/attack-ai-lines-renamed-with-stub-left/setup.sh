. "$CASE/../_ailines_lib.sh"
# Claude writes ledger.py; a later human commit renames it and leaves a
# one-line stub at the old path. The head still has a file there, but not
# Claude's lines: they are looked for in every file, and found in billing.py.
printf 'def post(entry):\n    total = entry.amount\n    return total\n' > src/pay/ledger.py
commit "ledger"
ai_note HEAD "src/pay/ledger.py 1-3"
git mv src/pay/ledger.py src/pay/billing.py
echo "from .billing import *" > src/pay/ledger.py
git add -A
commit "billing"
