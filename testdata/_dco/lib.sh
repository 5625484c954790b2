# A repository for the dco-* and attack-dco-* cases: on `feature`, commit A
# changes lib/a.c as Alice and has no Signed-off-by. `as NAME EMAIL CMD...`
# runs CMD with that commit author; `remedy NAME EMAIL MESSAGE` commits
# lib/b.c as that author with MESSAGE ("-" after it: an empty commit).
. "$CASE/../_lib.sh"
mkfile lib/a.c "int a;"
commit initial
git checkout -q -b feature
as() {
	n=$1 e=$2
	shift 2
	GIT_AUTHOR_NAME=$n GIT_AUTHOR_EMAIL=$e "$@"
}
mkfile lib/a.c "int a = 1;"
as "Alice Example" alice@example.com commit "Change a"
A=$(git rev-parse HEAD)
remedy() {
	if [ "${4:-}" = "-" ]; then
		as "$1" "$2" git commit -q --allow-empty -m "$3"
	else
		printf '%s\n' "$3" >> lib/b.c
		git add lib/b.c
		as "$1" "$2" git commit -q -m "$3"
	fi
}
