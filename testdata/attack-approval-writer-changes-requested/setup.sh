. "$CASE/../_approval_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
commit "Accept every token"
reviews "$(review dora CHANGES_REQUESTED 2026-01-02T09:00:00Z MEMBER)" "$(review sue APPROVED 2026-01-02T10:00:00Z MEMBER)"
sed 's/"name": "approval",/"name": "approval", "changes_requested": "writers",/' "$CASE/../_policies/approval.json" > ../policy.json
