. "$CASE/../_deps_lib.sh"
cat > ../policy.json <<'JSON'
{"version": 1, "default_tier": "low", "tiers": [
 {"name": "deps", "paths": ["(^|/)package(-lock)?\\.json$"],
  "require": {"dependencies": {"allow": ["lodash", "express", "expres"], "pinned": "exact"}}},
 {"name": "low", "paths": []}]}
JSON
npm_add express 4.19.2 4.19.2
npm_add expres 1.0.0 1.0.0
npm_add koa ^2.15.3 2.15.3
commit "Add express, expres and koa"
