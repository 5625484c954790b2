. "$CASE/../_lib.sh"
printf '{"version": 1, "default_tier": "x\377", "tiers": [{"name": "x", "paths": ["^src/"]}]}\n' > .riskgate.json
mkfile README.md x
commit "a policy that is not UTF-8"
git checkout -q -b feature
printf '{"version": 1, "default_tier": "x", "tiers": [{"name": "x", "paths": ["^src/"]}]}\n' > .riskgate.json
mkfile src/a.c 'int a;'
commit "the change fixes the policy, which must not count"
