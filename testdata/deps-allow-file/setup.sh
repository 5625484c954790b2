. "$CASE/../_deps_lib.sh"
list_policy '{"allow": ["lodash"], "allow_file": "security/allow.txt"}'
git checkout -q main
mkfile security/allow.txt '# reviewed by the security team
@Types/Node
express'
commit "Allow-list"
git checkout -q -B feature
npm_add express ^4.19.2 4.19.2
npm_add @types/node ^20.14.2 20.14.2
commit "Add express and @types/node"
