. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
{ printf '{"version": 1, "fixtures": '; repeat 100000 "["; repeat 100000 "]"; echo "}"; } > .riskgate.json
mkfile README.md x
commit "a policy nested 100,000 deep"
git checkout -q -b feature
mkfile src/a.c 'int a;'
commit "change"
