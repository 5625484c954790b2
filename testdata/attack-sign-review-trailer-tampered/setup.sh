. "$CASE/../_sign_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
git add -A && git commit -q -m "Log every token"
as bob bob commit -q --amend -S -m "Log every token" -m "Reviewed-by: Bob <bob@acme.example>"
# The signed commit object is rewritten after signing: its message (and
# nothing else) now says something Bob did not sign.
forged=$(git cat-file commit HEAD | sed "s/^Log every token$/Accept every token/" | git hash-object -t commit -w --stdin)
git cat-file commit "$forged" | grep -q "^Accept every token$"
git cat-file commit "$forged" | grep -q "^gpgsig "
git update-ref refs/heads/feature "$forged"
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
