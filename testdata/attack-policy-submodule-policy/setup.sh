. "$CASE/../_lib.sh"
# A gitlink at .riskgate.json: nothing readable, never "no policy".
mkfile README 'x'
commit "initial"
git update-index --add --cacheinfo 160000,$(git rev-parse HEAD),.riskgate.json
git commit -q -m "policy path is a submodule"
git checkout -q -b feature
# A documentation change the built-in policy lets through unsigned.
mkfile docs/guide.md 'guide'
git add docs/guide.md
git commit -q -m "unsigned change"
