. "$CASE/../_lib.sh"
mkfile src/auth/login.c 'int login(void) { return 0; }'
mkfile src/util/str.c 'int str(void) { return 0; }'
mkfile tests/auth/test_login.c 'int main(void) { return 0; }'
mkfile README.md '# demo'
commit "initial"
git checkout -q -b feature

git checkout -q --orphan other
git rm -rq --cached . && rm -rf src tests README.md
mkfile other.txt 'x'
commit "orphan"
