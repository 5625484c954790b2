. "$CASE/../_deps_lib.sh"
# lockfileVersion 1 keeps packages under a nested "dependencies".
python3 - <<'PY'
import json
pkg = json.load(open("package.json"))
pkg["dependencies"]["left-pad"] = "^1.3.0"
json.dump(pkg, open("package.json", "w"), indent=2)
json.dump({"name": "web", "lockfileVersion": 1, "dependencies": {
    "lodash": {"version": "4.17.21"},
    "left-pad": {"version": "^1.3.0"}}}, open("package-lock.json", "w"), indent=2)
PY
git add -A && git commit -q -m "Add left-pad, lock v1 at a range"
