. "$CASE/../_full_lib.sh"
# An assistant wrote the change; the message says "no AI" and the git-ai
# note dresses the AI session up as a person (tool "human", a human author,
# the same person in "humans"), but its lines are attested to an s_ session.
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && git commit -q -m 'Change billing' -m 'AI-Assisted: no'
cat > ../note <<'NOTE'
src/billing/charge.go
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-3
---
{
  "schema_version": "authorship/3.0.0",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {},
  "humans": {"h_c9883b05a2487d": {"author": "Test Author <author@example.com>"}},
  "sessions": {
    "s_c9883b05a2487d": {
      "agent_id": {"tool": "human", "id": "Test Author", "model": ""},
      "human_author": "Test Author <author@example.com>"
    }
  }
}
NOTE
git notes --ref=ai add -F ../note HEAD
