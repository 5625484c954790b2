. "$CASE/../_deps_lib.sh"
printf "require golang.org/x/sync v0.7.0\n" >> svc/go.mod
printf "golang.org/x/sync v0.7.0 h1:YsImfSBoP9QPYL0xyKJPq0gcaJdG3rInoqxTWbfQu9M=\ngolang.org/x/sync v0.7.0/go.mod h1:Czt+wKu1gCyEFDUtn0jG5QVvpJ6rzVqr5aXyt9drQfk=\n" >> svc/go.sum
commit "Add x/sync"
