. "$CASE/../_walkthrough_lib.sh"
cat > ../policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "tiers": [
    {"name": "low", "paths": [], "require": {"walkthrough": ["runs-twice", "rollback"]}}
  ]
}
JSON
