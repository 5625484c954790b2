. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > "$(printf 'src/util/link\033]8;;https:evil.example\033\\click\033]8;;\033\\.c')"
printf 'a\n' > "$(printf 'src/util/title\033]0;pwned\007.c')"
commit "names with OSC 8 hyperlinks and a title change"
