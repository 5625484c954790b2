. "$CASE/../_deps_lib.sh"
# overrides, yarn's resolutions and pnpm.overrides whose value is an npm:
# alias fetch the alias's package, not the key's: that one is judged
python3 - <<PY
import json
p = json.load(open("package.json"))
p["overrides"] = {"lodash": "npm:event-stream@3.3.6"}
p["resolutions"] = {"**/lodash": "npm:event-stream@3.3.6"}
p["pnpm"] = {"overrides": {"left-pad": "npm:expresss@1.0.0"}}
json.dump(p, open("package.json", "w"), indent=2)
l = json.load(open("package-lock.json"))
l["packages"]["node_modules/lodash"] = {"name": "event-stream", "version": "3.3.6"}
json.dump(l, open("package-lock.json", "w"), indent=2)
PY
commit "Override lodash with another package"
