. "$CASE/../_cond_lib.sh"
# A block that asks for less than the tier's own require (1 approval on
# main, where the tier asks for 2) lowers nothing: each requirement takes
# the stricter of the two.
cat >../policy.json <<'JSON'
{"version": 1, "default_tier": "low",
 "tiers": [{"name": "critical", "paths": ["(^|/)auth/"],
             "require": {"approvals": 2, "max_files": 5},
             "require_when": [{"when": {"target_branch": "^main$"},
                               "require": {"approvals": 1, "max_files": 50}}]},
            {"name": "low", "paths": []}]}
JSON
