. "$CASE/../_deps_lib.sh"
# Exact pins locked at that very version pass (PEP 440: "2.32" is
# "2.32.0"), as does a range locked at one resolved version.
poetry_on_main
poetry_project 'requests = "2.32"' '[[package]]
name = "requests"
version = "2.32.0"'
npm_add express 4.19.2 4.19.2
npm_add lodash ^4.17.22 4.17.22
commit "Pin express and requests, bump lodash"
