. "$CASE/../_rule_when_lib.sh"
printf 'def check(token):\n    return token == "s3cret"\n' > src/auth/session.py
commit "Compare the token"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
