. "$CASE/../_deps_lib.sh"
list_policy '{"allow_file": "security/allow.txt"}'
# An allow-list of more than 1 MiB is not read as whatever fits: an error.
git checkout -q main
mkdir -p security
{ echo koa; head -c 1100000 /dev/zero | tr '\0' '#'; echo; } > security/allow.txt
commit "Allow-list"
git checkout -q -B feature
npm_add koa ^2.15.3 2.15.3
commit "Add koa"
