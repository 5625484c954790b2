. "$CASE/../_deps_lib.sh"
list_policy '{"allow_file": "security/allow.txt"}'
# The base has no allow-list file; the change brings one that allows what
# it adds. A missing list is an error, never an empty or a head-side list.
mkfile security/allow.txt 'koa'
npm_add koa ^2.15.3 2.15.3
commit "Add koa, and an allow-list"
