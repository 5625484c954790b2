. "$CASE/../_ailines_lib.sh"
# A git-ai note whose session names a tool and a model built to break out
# of the step summary's code spans and table: HTML, a pipe, backticks,
# emphasis, a link and line breaks that would start a heading of their own.
# Markdown must show them escaped (src/escape.c), SARIF carry them exactly.
cat >> src/pay/charge.py <<'PY'
def charge(amount):
    return amount
PY
commit "charge"
cat > ../note <<'NOTE'
src/pay/charge.py
  s_bad0000000001::t_1 4-5
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.4.5",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {},
  "sessions": {
    "s_bad0000000001": {"agent_id": {"tool": "**evil**|<b>tool</b>", "id": "c1",
      "model": "m`</code><img src=x onerror=alert(1)>|\n## pwned\r\n[c](http://e.example)``"}}
  }
}
NOTE
git notes --ref=ai add -f -F ../note HEAD
