. "$CASE/../_lib.sh"
# The policy lives at .github/riskgate.json; the change relaxes it and adds
# unsigned code in the same pull request. Read from the workspace (the
# change's side), the relaxed copy would pass it.
mkfile .github/riskgate.json '{"version": 1, "default_tier": "n", "tiers": [{"name": "n", "require": {"provenance": {"require_signoff": true}}}]}'
commit "policy"
git checkout -q -b feature
mkfile .github/riskgate.json '{"version": 1, "default_tier": "n", "tiers": [{"name": "n", "require": {}}]}'
mkfile src/app.py 'print("unsigned")'
commit "relax the policy and change code"
