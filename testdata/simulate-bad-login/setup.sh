. "$CASE/../_approval_lib.sh"
printf 'def check(token):\n    return token == "admin"\n' > src/auth/session.py
commit "Compare the token"
# dora (write access, not sam) approved: the approval counts, sam's is missing.
reviews "$(review dora APPROVED 2026-01-02T10:00:00Z MEMBER)"
