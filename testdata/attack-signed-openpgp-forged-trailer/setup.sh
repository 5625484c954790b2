. "$CASE/../_pgp_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
# Alice writes Bob's trailer herself and signs with her own key, which the
# keyring holds: a valid signature, by the wrong person.
git add -A
pgp_as alice "$ALICE" commit -q -S -m "Accept every token" -m "Reviewed-by: Bob <bob@acme.example>"
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
