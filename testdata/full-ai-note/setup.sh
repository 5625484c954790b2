. "$CASE/../_full_lib.sh"
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && git commit -q -m 'Charge'
# The note git-ai attaches: lines 1-3 of charge.go by a Claude Code session.
cat > ../note <<'NOTE'
src/billing/charge.go
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-3
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.4.5",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {},
  "sessions": {
    "s_c9883b05a2487d": {
      "agent_id": {"tool": "claude", "id": "conv_1", "model": "claude-sonnet-4"},
      "human_author": "author@example.com"
    }
  }
}
NOTE
git notes --ref=ai add -F ../note HEAD
