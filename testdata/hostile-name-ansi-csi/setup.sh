. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > "$(printf 'src/util/esc\033[31mred\033[0m.c')"
printf 'a\n' > "$(printf 'src/util/clear\033[2J\033[H.c')"
printf 'a\n' > "$(printf 'src/util/c1\302\233.c')"
commit "names with terminal escape sequences"
