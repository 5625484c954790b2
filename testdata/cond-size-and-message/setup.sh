. "$CASE/../_cond_lib.sh"
# Every condition of the block holds (a commit message mentions tokens, at
# least one file and one line of the tier changed), so it applies; the
# second block's size is not reached, so it does not.
cat >../policy.json <<'JSON'
{"version": 1, "default_tier": "low",
 "tiers": [{"name": "critical", "paths": ["(^|/)auth/"],
             "require": {"approvals": 1},
             "require_when": [{"when": {"commit_message": "(?i)token", "min_changed_files": 1,
                                         "min_changed_lines": 2},
                               "require": {"tests": "changed"}},
                              {"when": {"min_changed_lines": 500}, "require": {"approvals": 3}}]},
            {"name": "low", "paths": []}]}
JSON
