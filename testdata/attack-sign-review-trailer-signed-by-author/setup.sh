. "$CASE/../_sign_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
# Alice signs her own commit, which names Bob as its reviewer.
as alice alice commit -q -S -a -m "Accept every token" -m "Reviewed-by: Bob <bob@acme.example>"
cat > ../policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "review_trailers": {"require_signed": true},
  "tiers": [
    {"name": "critical", "paths": ["(^|/)auth/"], "require": {"approvals": 1}},
    {"name": "low", "paths": []}
  ]
}
JSON
