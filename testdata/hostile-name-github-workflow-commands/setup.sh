. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > 'src/util/::error file=x::forged%0A.c'
printf 'a\n' > "$(printf 'src/util/a\n::error::forged.c')"
printf 'a\n' > "$(printf 'src/util/s\n::stop-commands::tok\n.c')"
commit "names that look like workflow commands"
