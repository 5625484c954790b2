. "$CASE/../_deps_lib.sh"
# A made-up version of a real package: the lock holds the real express at
# the version that exists, the manifest asks for one that never resolved.
npm_add express 4.99.0 4.19.2
git add -A && git commit -q -m "Add express at a version that does not exist"
