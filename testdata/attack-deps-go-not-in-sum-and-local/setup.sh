. "$CASE/../_deps_lib.sh"
printf "require golang.org/x/sync v0.7.0\nreplace github.com/google/uuid => ../uuid\n" >> svc/go.mod
commit "Add x/sync, replace uuid"
