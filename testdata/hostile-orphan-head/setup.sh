. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
git checkout -q --orphan orphan
git rm -rq --cached . && rm -rf src tests README.md
mkfile src/auth/login.c 'int login(void) { return 1; }'
commit "an orphan branch with no history in common"
