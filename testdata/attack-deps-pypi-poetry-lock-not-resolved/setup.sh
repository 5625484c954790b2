. "$CASE/../_deps_lib.sh"
# On main: a Poetry project locked. On the change: requests pinned to a
# version that never resolved, and httpx whose lock entry is a range.
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
requests = "2.99.0"
httpx = "^0.27"'
mkfile py/poetry.lock '[[package]]
name = "requests"
version = "2.31.0"

[[package]]
name = "httpx"
version = ">=0.27"'
commit "Pin requests, add httpx"
