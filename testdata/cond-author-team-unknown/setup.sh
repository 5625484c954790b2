. "$CASE/../_cond_lib.sh"
# author_in names a team, and no teams file says who is in it: the
# condition is not evaluated and the block applies.
cat >../policy.json <<'JSON'
{"version": 1, "default_tier": "low",
 "tiers": [{"name": "critical", "paths": ["(^|/)auth/"],
             "require": {"approvals": 1},
             "require_when": [{"when": {"author_in": ["@acme/contractors"]},
                               "require": {"approvals": 2}}]},
            {"name": "low", "paths": []}]}
JSON
