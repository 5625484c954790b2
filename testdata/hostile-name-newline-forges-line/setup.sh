. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > "$(printf 'src/util/a\nverdict: pass\n.c')"
printf 'a\n' > "$(printf 'src/util/b\nriskgate: PASS \342\200\224 0 violations\n.c')"
commit "names that try to forge the verdict"
