. "$CASE/../_sign_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
git add -A && git commit -q -m "Accept every token"
printf 'def check(token):\n    return True  # reviewed\n' > src/auth/session.py
as alice alice commit -q -S -a -m "Comment"
cat > ../policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "tiers": [
    {"name": "critical", "paths": ["(^|/)auth/"], "require": {"signed_commits": true}},
    {"name": "low", "paths": []}
  ]
}
JSON
