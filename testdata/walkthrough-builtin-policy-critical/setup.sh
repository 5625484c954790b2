. "$CASE/../_walkthrough_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return token is not None and len(token) < 4096'
commit "Cap token length"
answers ../description.md
