. "$CASE/../_lib.sh"
mkfile src/auth/login.c 'int login(void) { return 0; }'
mkfile src/util/str.c 'int str(void) { return 0; }'
mkfile tests/auth/test_login.c 'int main(void) { return 0; }'
mkfile README.md '# demo'
commit "initial"
git checkout -q -b feature

mkfile src/auth/login.c 'int login(void) { return 1; }'
commit "change login"
