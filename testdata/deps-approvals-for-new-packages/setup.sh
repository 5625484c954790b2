. "$CASE/../_deps_lib.sh"
cat > ../policy.json <<'JSON'
{"version": 1, "default_tier": "low", "tiers": [
 {"name": "deps", "paths": ["(^|/)package(-lock)?\\.json$"],
  "require": {"dependencies": {"approvals": {"count": 1, "from": ["@acme/security"]}}}},
 {"name": "low", "paths": []}]}
JSON
npm_add express ^4.19.2 4.19.2
commit "Add express"
head=$(git rev-parse HEAD)
printf '[{"id": 1, "user": {"login": "sam", "type": "User"}, "state": "APPROVED", "commit_id": "%s", "submitted_at": "2026-12-01T00:00:00Z", "author_association": "MEMBER"}]\n' "$head" > ../sam.json
printf '[{"id": 1, "user": {"login": "dora", "type": "User"}, "state": "APPROVED", "commit_id": "%s", "submitted_at": "2026-12-01T00:00:00Z", "author_association": "MEMBER"}]\n' "$head" > ../dora.json
printf '{"acme/security": ["sam"]}\n' > ../teams.json
printf '{"sam": "write", "dora": "write"}\n' > ../perms.json
