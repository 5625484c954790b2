. "$CASE/../_deps_lib.sh"
# Exact pins locked at that very version pass (PEP 440: "2.32" is
# "2.32.0"), as does a range locked at one resolved version.
git checkout -q main
mkfile py/pyproject.toml '[tool.poetry.dependencies]
python = "^3.11"
requests = "2.31.0"'
mkfile py/poetry.lock '[[package]]
name = "requests"
version = "2.31.0"'
commit "Poetry project"
git checkout -q -B feature
mkfile py/pyproject.toml '[tool.poetry.dependencies]
python = "^3.11"
requests = "2.32"'
mkfile py/poetry.lock '[[package]]
name = "requests"
version = "2.32.0"'
npm_add express 4.19.2 4.19.2
npm_add lodash ^4.17.22 4.17.22
commit "Pin express and requests, bump lodash"
