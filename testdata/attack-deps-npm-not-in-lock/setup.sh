. "$CASE/../_deps_lib.sh"
npm_add express ^4.19.2 4.19.2
npm_add expresss-session-helper ^1.0.0
git add -A && git commit -q -m "Add a package that never resolved"
