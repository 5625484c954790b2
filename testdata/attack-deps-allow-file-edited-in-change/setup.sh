. "$CASE/../_deps_lib.sh"
list_policy '{"allow": ["lodash"], "allow_file": "security/allow.txt"}'
git checkout -q main
mkfile security/allow.txt 'express'
commit "Allow-list"
git checkout -q -B feature
# The change adds koa and, in the same change, adds koa to the allow-list:
# the list is read from the base, so the edit does not count.
mkfile security/allow.txt 'express
koa'
npm_add koa ^2.15.3 2.15.3
commit "Add koa, and allow it"
