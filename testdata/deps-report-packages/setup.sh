. "$CASE/../_deps_lib.sh"
# Many packages at once: the report says which ones (the first 20 and how
# many), and each finding names its package and version in fields of its
# own, so that a reviewer or a bot need not parse the message.
python3 - <<'PY'
import json
pkg = json.load(open("package.json"))
del pkg["dependencies"]["lodash"]
for i in range(1, 23):
    pkg["dependencies"]["made-up-%02d" % i] = "1.0.%d" % i
json.dump(pkg, open("package.json", "w"), indent=2)
lock = json.load(open("package-lock.json"))
del lock["packages"]["node_modules/lodash"]
json.dump(lock, open("package-lock.json", "w"), indent=2)
PY
mkfile api/requirements.txt 'flask==3.0.2'
commit "Swap lodash for 22 packages, flask back one release"
