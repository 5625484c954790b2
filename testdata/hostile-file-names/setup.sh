. "$CASE/../_lib.sh"
mkfile src/auth/login.c 'int login(void) { return 0; }'
mkfile src/util/str.c 'int str(void) { return 0; }'
mkfile tests/auth/test_login.c 'int main(void) { return 0; }'
mkfile README.md '# demo'
commit "initial"
git checkout -q -b feature

printf 'a\n' > "src/util/with space.c"
printf 'a\n' > "$(printf 'src/util/new\nline.c')"
printf 'a\n' > 'src/util/quote"s.c'
printf 'a\n' > 'src/util/::warning file=x::boom.c'
printf 'a\n' > "$(printf 'src/util/bad\377\376.c')"
printf 'a\n' > "$(printf 'src/util/esc\033[31mred.c')"
commit "hostile names"
