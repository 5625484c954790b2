. "$CASE/../_deps_lib.sh"
cat > ../policy.json <<'JSON'
{"version": 1, "default_tier": "low", "tiers": [
 {"name": "deps", "paths": ["(^|/)(package(-lock)?\\.json|requirements\\.txt)$"],
  "require": {"dependencies": {"deny_file": "security/deny.txt"}}},
 {"name": "low", "paths": []}]}
JSON
# A deny-list that is not text: a NUL byte in front of the name would
# hide it from a reader that stops there; it is an error, not a list.
git checkout -q main
mkdir -p security
printf 'x\000\nevent-stream\n' > security/deny.txt
commit "Deny-list"
git checkout -q -B feature
npm_add event-stream 3.3.6 3.3.6
commit "Add event-stream"
