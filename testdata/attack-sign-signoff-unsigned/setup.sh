. "$CASE/../_sign_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
GIT_COMMITTER_NAME=alice GIT_COMMITTER_EMAIL=alice@acme.example git commit -q -a -m "Accept every token" -m "Signed-off-by: alice <alice@acme.example>"
cat > ../policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "tiers": [
    {"name": "critical", "paths": ["(^|/)auth/"],
     "require": {"provenance": {"require_signoff": true, "require_signed_signoff": true}}},
    {"name": "low", "paths": []}
  ]
}
JSON
