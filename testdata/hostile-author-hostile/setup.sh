. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > src/util/new.c
git add -A
git commit -q -m "author with escapes" --author="$(printf 'Bad\377Name\033[31m <b\033[0m@example.com>')"
