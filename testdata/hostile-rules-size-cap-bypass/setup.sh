. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
mkdir -p src/app
{ printf 'try:\n    go()\nexcept: pass\n'; head -c 2097152 /dev/zero | tr '\0' '#'; printf '\n'; } > src/app/big.py
commit "a swallowed exception in a file padded past the size cap"
