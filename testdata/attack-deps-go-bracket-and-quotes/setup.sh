. "$CASE/../_deps_lib.sh"
# Go reads "require(" as "require (", and a quoted module path as the path:
# both denied modules are read, and denied.
list_policy '{"deny": ["github.com/evil/mod", "github.com/evil/other"]}'
sed -i 's#requirements\\\\.txt#requirements\\\\.txt|go\\\\.(mod|sum)#' ../policy.json
printf 'module example.com/svc\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n\nrequire(\n\tgithub.com/evil/mod v1.0.0\n)\n\nrequire "github.com/evil/other" v1.0.0\n' > svc/go.mod
printf 'github.com/evil/mod v1.0.0 h1:AAAA=\ngithub.com/evil/other v1.0.0 h1:CCCC=\n' >> svc/go.sum
commit "Add two modules"
