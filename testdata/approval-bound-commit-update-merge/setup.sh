. "$CASE/../_approval_lib.sh"
printf 'def check(token):\n    return token == "s3cret"\n' > src/auth/session.py
commit "Compare the token"
R=$(review sam APPROVED 2026-01-02T10:00:00Z OWNER)
git checkout -q main
printf 'def helper():\n    return 2\n' > src/util/helper.py
commit "Helper returns 2"
git checkout -q feature
git merge -q --no-edit main
reviews "$R"
