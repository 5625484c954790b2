. "$CASE/../_deps_lib.sh"
npm_add express ^4.19.2 4.19.2
commit "Add express"
