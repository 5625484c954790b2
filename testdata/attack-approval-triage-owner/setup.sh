. "$CASE/../_approval_lib.sh"
own_auth @tom
printf 'def check(token):\n    return True\n' > src/auth/session.py
commit "Accept every token"
reviews "$(review tom APPROVED 2026-01-02T10:00:00Z OWNER)"
