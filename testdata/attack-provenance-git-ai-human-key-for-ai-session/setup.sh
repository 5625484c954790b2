. "$CASE/../_full_lib.sh"
# The AI session's lines are attested under an h_ key (human) that the
# "humans" map does not hold; the key is an input error, never a human.
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && git commit -q -m 'Change billing'
cat > ../note <<'NOTE'
src/billing/charge.go
  h_c9883b05a2487d 1-3
---
{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc", "prompts": {},
 "sessions": {"s_c9883b05a2487d": {"agent_id": {"tool": "claude", "id": "1"}}}}
NOTE
git notes --ref=ai add -F ../note HEAD
