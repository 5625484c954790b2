. "$CASE/../_deps_lib.sh"
cat > ../policy.json <<'JSON'
{"version": 1, "default_tier": "low", "tiers": [
 {"name": "deps", "paths": ["(^|/)(package(-lock)?\\.json|requirements\\.txt)$"],
  "require": {"dependencies": {"allow": ["lodash"], "allow_file": "security/allow.txt"}}},
 {"name": "low", "paths": []}]}
JSON
git checkout -q main
mkfile security/allow.txt '# reviewed by the security team
@Types/Node
express'
commit "Allow-list"
git checkout -q -B feature
npm_add express ^4.19.2 4.19.2
npm_add @types/node ^20.14.2 20.14.2
commit "Add express and @types/node"
