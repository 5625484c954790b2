. "$CASE/../_rule_when_lib.sh"
# The auth tier asks for security's approval, or, on a pull request
# labelled "hotfix", a maintainer's. The check runs with no labels known
# (no event, no --label or --no-labels): the hotfix rule applies only
# because its label condition cannot be evaluated, so bob's approval must
# not be the one that satisfies the any_of.
cat > ../policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "tiers": [
    {"name": "critical", "paths": ["(^|/)auth/"],
     "require": {"approval_rules": [
       {"any_of": [
         {"name": "security", "from": ["@acme/security"]},
         {"name": "hotfix", "from": ["@acme/maintainers"],
          "when": {"labels_any": ["hotfix"]}}
       ]}
     ]}},
    {"name": "low", "paths": []}
  ]
}
JSON
printf 'def check(token):\n    return True\n' > src/auth/session.py
commit "Accept every token"
reviews "$(review bob APPROVED 2026-01-02T10:00:00Z MEMBER)"
