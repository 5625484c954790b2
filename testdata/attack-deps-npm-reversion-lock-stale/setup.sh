. "$CASE/../_deps_lib.sh"
# lodash re-versioned to an exact version the lock never resolved; the
# lock changes for another package, so it "changed with the manifest".
npm_add lodash 4.17.22
npm_add express ^4.19.2 4.19.2
git add -A && git commit -q -m "Bump lodash"
