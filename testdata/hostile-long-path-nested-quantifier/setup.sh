. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
mkfile README.md x
commit initial
{ repeat 10000 x; printf '/zy\n'; } | import_paths feature "a directory name of 10,000 bytes"
