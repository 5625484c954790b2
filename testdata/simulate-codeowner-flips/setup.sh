. "$CASE/../_approval_lib.sh"
# src/auth/ is owned by @sam and @sue; only dora (who owns the rest) approved.
printf 'def check(token):\n    return token == "admin"\n' > src/auth/session.py
commit "Compare the token"
reviews "$(review dora APPROVED 2026-01-02T10:00:00Z MEMBER)"
