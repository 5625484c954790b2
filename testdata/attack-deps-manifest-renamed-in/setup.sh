. "$CASE/../_deps_lib.sh"
mkdir -p docs web2
cat > docs/example.json <<JSON
{"name": "example", "dependencies": {"lodash": "^4.17.21", "fork": "github:evil/fork"}}
JSON
commit "Add an example"
git mv docs/example.json web2/package.json
commit "Move the example"
