. "$CASE/../_lib.sh"
mkfile README.md 'x'
commit initial
git checkout -q -b feature
name=$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "a"; printf "b" }')
mkfile "$name" 'catastrophic'
commit "a path that makes the policy's pattern backtrack"
