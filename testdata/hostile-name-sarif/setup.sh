. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > "$(printf 'src/util/a\nb.c')"
printf 'a\n' > "$(printf 'src/util/esc\033[31m.c')"
printf 'a\n' > "$(printf 'src/util/sp ace#%%3F?.c')"
commit "hostile names for SARIF"
