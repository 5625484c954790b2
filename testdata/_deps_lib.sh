# A repository for the deps-* cases (policy _policies/dependencies.json):
# main with a manifest and its lock for each of five ecosystems, then a
# `feature` branch. Each case changes some and commits.
. "$CASE/../_lib.sh"
cat > package.json <<'JSON'
{
  "name": "web",
  "version": "1.0.0",
  "dependencies": {
    "lodash": "^4.17.21"
  }
}
JSON
cat > package-lock.json <<'JSON'
{
  "name": "web",
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "web", "dependencies": {"lodash": "^4.17.21"}},
    "node_modules/lodash": {"version": "4.17.21", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz"}
  }
}
JSON
mkfile api/requirements.txt 'flask==3.0.3'
mkfile svc/go.mod 'module example.com/svc

go 1.22

require github.com/google/uuid v1.6.0'
mkfile svc/go.sum 'github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=
github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo='
mkfile tool/Cargo.toml '[package]
name = "tool"
version = "0.1.0"

[dependencies]
serde = "1.0"'
mkfile tool/Cargo.lock 'version = 3

[[package]]
name = "serde"
version = "1.0.203"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tool"
version = "0.1.0"'
mkfile java/pom.xml '<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>app</artifactId>
  <version>1.0</version>
  <dependencies>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.13</version></dependency>
  </dependencies>
</project>'
commit "initial"
git checkout -q -b feature
# npm_add NAME RANGE [LOCKED_VERSION]: adds NAME to package.json, and to
# package-lock.json at LOCKED_VERSION when given.
npm_add() {
	python3 - "$@" <<'PY'
import json, sys
name, rng = sys.argv[1], sys.argv[2]
pkg = json.load(open("package.json"))
pkg["dependencies"][name] = rng
json.dump(pkg, open("package.json", "w"), indent=2)
if len(sys.argv) > 3:
    lock = json.load(open("package-lock.json"))
    lock["packages"][""]["dependencies"][name] = rng
    lock["packages"]["node_modules/" + name] = {"version": sys.argv[3]}
    json.dump(lock, open("package-lock.json", "w"), indent=2)
PY
}

# poetry_project PYPROJECT_DEPS LOCK: py/pyproject.toml with the
# [tool.poetry.dependencies] lines PYPROJECT_DEPS (python ^3.11 first) and
# py/poetry.lock holding LOCK.
poetry_project() {
	mkfile py/pyproject.toml "[tool.poetry.dependencies]
python = \"^3.11\"
$1"
	mkfile py/poetry.lock "$2"
}

# poetry_on_main: on main, a Poetry project that pins requests 2.31.0 and
# locks it there, committed; then back on a fresh `feature`.
poetry_on_main() {
	git checkout -q main
	poetry_project 'requests = "2.31.0"' '[[package]]
name = "requests"
version = "2.31.0"'
	commit "Poetry project"
	git checkout -q -B feature
}

# list_policy DEPENDENCIES: ../policy.json, whose tier "deps" (npm's and
# PyPI's manifests and locks) requires the `dependencies` object
# DEPENDENCIES (JSON), every other path being tier "low".
list_policy() {
	{
		printf '%s\n' '{"version": 1, "default_tier": "low", "tiers": [' \
			' {"name": "deps", "paths": ["(^|/)(package(-lock)?\\.json|requirements\\.txt)$"],'
		printf '  "require": {"dependencies": %s}},\n' "$1"
		printf '%s\n' ' {"name": "low", "paths": []}]}'
	} > ../policy.json
}
