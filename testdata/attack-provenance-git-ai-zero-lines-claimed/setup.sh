. "$CASE/../_full_lib.sh"
# A legacy prompt record that claims the session added and kept no line,
# while the attestations give it the whole file: the attestations decide.
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && git commit -q -m 'Change billing'
cat > ../note <<'NOTE'
src/billing/charge.go
  abcd1234abcd1234 1-3
---
{
  "schema_version": "authorship/3.0.0",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {
    "abcd1234abcd1234": {
      "agent_id": {"tool": "cursor", "id": "s1", "model": "gpt-4"},
      "human_author": "Test Author <author@example.com>",
      "total_additions": 0, "total_deletions": 0, "accepted_lines": 0, "overriden_lines": 0
    }
  }
}
NOTE
git notes --ref=ai add -F ../note HEAD
