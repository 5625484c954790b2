. "$CASE/../_deps_lib.sh"
# On main: a Poetry project locked. On the change: requests pinned to a
# version that never resolved, and httpx whose lock entry is a range.
poetry_on_main
poetry_project 'requests = "2.99.0"
httpx = "^0.27"' '[[package]]
name = "requests"
version = "2.31.0"

[[package]]
name = "httpx"
version = ">=0.27"'
commit "Pin requests, add httpx"
