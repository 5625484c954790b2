. "$CASE/../_lib.sh"
printf '{\n  "version": 1,\n  "default_tier": "x",\n  "tiers": [{"name": "x", "paths": [], "requires": {}}]\n}\n' > .riskgate.json
commit "a policy with a typo"
git checkout -q -b feature
mkfile src/a.c 'int a;'
commit "change"
