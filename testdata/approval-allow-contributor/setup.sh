. "$CASE/../_approval_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
git add -A && git commit -q -m "Accept every token" -m "Co-authored-by: Sam Owner <sam@acme.example>"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
sed 's/"name": "approval",/"name": "approval", "allow_contributor": true,/' "$CASE/../_policies/approval.json" > ../policy.json
