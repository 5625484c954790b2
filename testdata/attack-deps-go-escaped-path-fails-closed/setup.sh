. "$CASE/../_deps_lib.sh"
# A quoted module path with an escape is not read otherwise than Go reads
# it: the manifest does not read, and the check fails closed.
printf 'require "github.com/evil/\\x6dod" v1.0.0\n' >> svc/go.mod
commit "Add a module, escaped"
