. "$CASE/../_deps_lib.sh"
printf "{\"dependencies\": {\"a\": \"1.0.0\",}" > package.json
commit "Break the manifest"
