. "$CASE/../_lib.sh"
# The base's policy is a symlink to the real file; read as "no policy" it
# would have fallen back to the built-in one, which does not ask for sign-off.
mkfile policy/strict.json '{"version": 1, "default_tier": "n", "tiers": [{"name": "n", "require": {"provenance": {"require_signoff": true}}}]}'
ln -s policy/strict.json .riskgate.json
commit "policy behind a symlink"
git checkout -q -b feature
# A documentation change the built-in policy lets through unsigned.
mkfile docs/guide.md 'guide'
git add docs/guide.md
git commit -q -m "unsigned change"
