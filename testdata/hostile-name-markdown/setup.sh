. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > 'src/util/tick`x` | pipe |.c'
printf 'a\n' > 'src/util/<img src=x onerror=alert(1)>.c'
printf 'a\n' > "$(printf 'src/util/nl\n<img src=x>\n::error::x.c')"
commit "names that try to break markdown"
