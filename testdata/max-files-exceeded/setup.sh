. "$CASE/../_lib.sh"
mkfile src/auth/login.c 'int login(void) { return 0; }'
mkfile src/util/str.c 'int str(void) { return 0; }'
mkfile tests/auth/test_login.c 'int main(void) { return 0; }'
mkfile README.md '# demo'
commit "initial"
git checkout -q -b feature

for i in 1 2 3 4; do mkfile src/auth/f$i.c "int f$i;"; mkfile tests/auth/test_f$i.c "int t$i;"; done
commit "four auth files"
