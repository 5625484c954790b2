. "$CASE/../_pgp_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
git add -A && git commit -q -m "Accept every token"
# Bob reviews the head and signs it with his OpenPGP key, adding his
# trailer: he becomes its committer, the author stays.
pgp_as bob "$BOB" commit -q --amend -S -m "Accept every token" -m "Reviewed-by: Bob <bob@acme.example>"
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
