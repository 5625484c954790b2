. "$CASE/../_approval_lib.sh"
printf 'def check(token):\n    return token == "s3cret"\n' > src/auth/session.py
printf 'def helper():\n    return 2\n' > src/util/helper.py
commit "Compare the token; helper returns 2"
R=$(review sam APPROVED 2026-01-02T10:00:00Z OWNER)
printf 'def check(token):\n    return token == "s3cret" or True\n' > src/auth/session.py
commit "One more line of auth"
reviews "$R"
