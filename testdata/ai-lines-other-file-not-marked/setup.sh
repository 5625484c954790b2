. "$CASE/../_ailines_lib.sh"
# Claude wrote src/pay/retry.py; a human adds the same statements to
# charge.py in a later commit. Text is matched within a path only: charge.py
# has no AI-written line.
mkdir -p src/pay
printf 'def retry(f):\n    return f()\n' > src/pay/retry.py
commit "retry"
ai_note HEAD "src/pay/retry.py 1-2"
printf 'def retry(f):\n    return f()\n' >> src/pay/charge.py
commit "charge"
