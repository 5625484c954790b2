. "$CASE/../_pgp_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
# A correct OpenPGP signature, but the gate was given only an SSH
# allowed-signers file: nothing vouches for the key, so it does not count.
git add -A
pgp_as alice "$ALICE" commit -q -S -m "Accept every token"
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
