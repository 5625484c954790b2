. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > "$(printf 'src/util/bad\377\376.c')"
printf 'a\n' > "$(printf 'src/util/trunc\342\202.c')"
commit "names that are not UTF-8"
