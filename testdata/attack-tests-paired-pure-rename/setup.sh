. "$CASE/../_lib.sh"
# An old test moved, unchanged, to the paired test's path.
mkfile src/auth/login.c 'int login(void) { return 0; }'
mkfile tests/auth/test_old_login.c 'int main(void) { return 0; }'
commit "initial"
git checkout -q -b feature
mkfile src/auth/login.c 'int login(void) { return 1; }'
git mv tests/auth/test_old_login.c tests/auth/test_login.c
commit "change login, rename a test"
