. "$CASE/../_full_lib.sh"
# An AI session's note with a reversed range, in the hope that a note the
# gate cannot read counts as no note at all.
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && git commit -q -m 'Change billing'
cat > ../note <<'NOTE'
src/billing/charge.go
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 3-1
---
{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc", "prompts": {},
 "sessions": {"s_c9883b05a2487d": {"agent_id": {"tool": "claude", "id": "1", "model": "claude-sonnet-4"}}}}
NOTE
git notes --ref=ai add -F ../note HEAD
