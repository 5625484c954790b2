. "$CASE/../_pgp_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
# Mallory made a key of her own with a user ID in Bob's name and address,
# commits as Bob and signs with it: the keyring does not hold that key.
git add -A
pgp_as bob "$MALLORY" commit -q -S -m "Accept every token" -m "Reviewed-by: Bob <bob@acme.example>"
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
