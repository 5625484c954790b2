. "$CASE/../_walkthrough_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return True'
commit "Accept every token"
