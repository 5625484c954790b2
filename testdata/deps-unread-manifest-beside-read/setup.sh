. "$CASE/../_deps_lib.sh"
cat > ../policy.json <<'JSON'
{"version": 1, "default_tier": "low", "tiers": [
 {"name": "deps", "paths": ["(^|/)(package(-lock)?\\.json|Gemfile|build\\.gradle(\\.kts)?)$"],
  "require": {"dependencies": true}},
 {"name": "low", "paths": []}]}
JSON
# A read manifest with a finding and an unread one beside it: the
# requirement fails for the first and names the second.
mkfile app/build.gradle.kts 'dependencies { implementation("com.google.guava:guava:33.2.1-jre") }'
npm_add left-pad "*"
commit "Add left-pad and guava"
