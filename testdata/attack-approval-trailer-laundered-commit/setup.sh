. "$CASE/../_approval_lib.sh"
# A reviewed commit the merge bot committed elsewhere (a harmless docs
# change with its Reviewed-by), then the attacker's own change to auth on
# top of it: the bot's trailer approves the bot's commit, not what was
# stacked on it.
printf 'notes\n' > src/util/NOTES
git add -A && GIT_COMMITTER_NAME='Merge Bot' GIT_COMMITTER_EMAIL='merge-bot@acme.example' \
	git commit -q -m "Add notes" -m "Reviewed-by: Security Lead <lead@acme.example>"
printf 'def check(token):\n    return True\n' > src/auth/session.py
commit "Accept every token"
cat > ../policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "review_trailers": {"trusted_committers": ["merge-bot@acme.example"]},
  "tiers": [
    {"name": "critical", "paths": ["(^|/)auth/"], "require": {"approvals": 1}},
    {"name": "low", "paths": []}
  ]
}
JSON
