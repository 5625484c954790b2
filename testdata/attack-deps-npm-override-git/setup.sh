. "$CASE/../_deps_lib.sh"
python3 - <<PY
import json
p = json.load(open("package.json"))
p["overrides"] = {"lodash": "github:evil/lodash"}
json.dump(p, open("package.json", "w"), indent=2)
PY
commit "Override lodash"
