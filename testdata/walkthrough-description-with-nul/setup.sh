. "$CASE/../_walkthrough_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return True'
commit "Accept every token"
answers ../description.md
printf '\000## What happens if this runs twice?\nhidden after a NUL byte, long enough to count\n' >> ../description.md
