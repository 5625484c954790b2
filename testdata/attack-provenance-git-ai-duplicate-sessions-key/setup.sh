. "$CASE/../_full_lib.sh"
# Two "humans" maps: a parser that keeps the last one would see the AI
# session's key as a known human. Repeated keys make the note invalid.
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && git commit -q -m 'Change billing'
cat > ../note <<'NOTE'
src/billing/charge.go
  h_c9883b05a2487d 1-3
---
{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc", "prompts": {},
 "humans": {},
 "sessions": {"h_c9883b05a2487d": {"agent_id": {"tool": "claude", "id": "1"}}},
 "humans": {"h_c9883b05a2487d": {"author": "Test Author <author@example.com>"}}}
NOTE
git notes --ref=ai add -F ../note HEAD
