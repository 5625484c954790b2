. "$CASE/../_deps_lib.sh"
python3 - <<PY
import json
p = json.load(open("package.json"))
p["scripts"] = {"test": "jest", "postinstall": "node scripts/setup.js"}
json.dump(p, open("package.json", "w"), indent=2)
PY
commit "Add a postinstall step"
