. "$CASE/../_lib.sh"
# C compilers accept a NUL byte inside a comment (a warning at most).
mkfile src/auth/login.c 'int login(void) { return 0; }'
mkfile tests/auth/test_login.c 'int main(void) { return 0; }'
commit "initial"
git checkout -q -b feature
printf '/* \000 */\nint login(void) { char *k = "AKIAQWERTYUIOPASDFGH"; return k[0]; }\n' > src/auth/login.c
mkfile tests/auth/test_login.c 'int main(void) { return 1; }'
commit "login"
