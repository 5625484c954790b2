. "$CASE/../_deps_lib.sh"
# an existing name pointed at another package: a new package
npm_add lodash npm:event-stream@3.3.6 3.3.6
commit "Point lodash elsewhere"
