. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > 'src/util/comma,title=forged.c'
printf 'a\n' > "$(printf 'src/util/crlf\r\n::error::x.c')"
printf 'a\n' > 'src/util/pct%41#frag?q.c'
commit "names that try to break workflow command properties"
