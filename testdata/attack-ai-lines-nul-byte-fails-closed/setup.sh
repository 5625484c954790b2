. "$CASE/../_ailines_lib.sh"
# The head's own note names Claude's lines, and a NUL byte in the file makes
# it unreadable as text: its AI-written lines cannot be checked, which is an
# error, never a file without AI-written lines.
printf 'def charge(amount):\n    return amount\n# pad \000\n' >> src/pay/charge.py
commit "charge"
ai_note HEAD "src/pay/charge.py 4-5"
