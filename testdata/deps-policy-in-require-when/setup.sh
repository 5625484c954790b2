. "$CASE/../_deps_lib.sh"
cat > ../policy.json <<'JSON'
{"version": 1, "default_tier": "low", "tiers": [
 {"name": "low", "paths": [], "require_when": [{"when": {"min_changed_files": 1}, "require": {"dependencies": true}}]}]}
JSON
