. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
mkfile README.md x
commit initial
{ repeat 10000 a; printf 'b\n'; } | import_paths feature "a path of 10,001 bytes"
test "$(git ls-tree --name-only feature | awk '{ print length($0) }' | sort -n | tail -n 1)" = 10001
