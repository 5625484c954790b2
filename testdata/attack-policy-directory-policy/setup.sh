. "$CASE/../_lib.sh"
mkfile .riskgate.json/policy.json '{"version": 1, "default_tier": "n", "tiers": [{"name": "n", "require": {"provenance": {"require_signoff": true}}}]}'
commit "policy path is a directory"
git checkout -q -b feature
# A documentation change the built-in policy lets through unsigned.
mkfile docs/guide.md 'guide'
git add docs/guide.md
git commit -q -m "unsigned change"
