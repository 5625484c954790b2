. "$CASE/../_lib.sh"
# The paired test is "changed" by chmod alone: it tests nothing new.
mkfile src/auth/login.c 'int login(void) { return 0; }'
mkfile tests/auth/test_login.c 'int main(void) { return 0; }'
commit "initial"
git checkout -q -b feature
mkfile src/auth/login.c 'int login(void) { return 1; }'
chmod +x tests/auth/test_login.c
commit "change login, chmod its test"
