. "$CASE/../_approval_lib.sh"
cat > ../policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "allow_contributor": "yes",
  "changes_requested": "everyone",
  "review_trailers": {"trusted_commiters": ["bot@example.com"]},
  "tiers": [{"name": "low", "paths": []}]
}
JSON
cat > ../policy2.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "review_trailers": {"trusted_committers": ["Merge Bot <bot@example.com>", "nobody"]},
  "tiers": [{"name": "low", "paths": []}]
}
JSON
