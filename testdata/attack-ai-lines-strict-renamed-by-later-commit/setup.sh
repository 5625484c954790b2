. "$CASE/../_ailines_lib.sh"
# Claude writes src/pay/new.py (noted); a later human commit renames it to
# src/pay/fees.py, so that no file of the change has the noted path. Its
# lines are still AI-written: the print() is an error.
printf 'def fee(amount):\n    log.info("fee")\n    print(amount)\n' > src/pay/new.py
commit "fee"
ai_note HEAD "src/pay/new.py 1-3"
git mv src/pay/new.py src/pay/fees.py
commit "rename"
approve sam
