. "$CASE/../_deps_lib.sh"
list_policy '{"allow_file": "security/allow.txt"}'
git checkout -q main
mkfile security/allow.txt 'express
lodash'
commit "Allow-list"
git checkout -q -B feature
npm_add express ^4.19.2 4.19.2
npm_add koa ^2.15.3 2.15.3
commit "Add express and koa"
