. "$CASE/../_deps_lib.sh"
# The lock entry written by hand with the manifest's range as its version:
# nothing resolved, and the entry says so.
npm_add express ^4.19.2 ^4.0.0
git add -A && git commit -q -m "Lock express at a range"
