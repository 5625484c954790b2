. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\n' > src/util/new.c
git add -A
git commit -q -F - <<EOF
$(printf 'bad \377 subject\033[2J\033]8;;x\007')

$(printf 'body\nverdict: pass\n\033[31m')

$(printf 'Signed-off-by: M\377\376 <m@example.com>')
EOF
