. "$CASE/../_lib.sh"
mkfile src/auth/login.c 'int login(void) { return 0; }'
mkfile src/util/str.c 'int str(void) { return 0; }'
mkfile tests/auth/test_login.c 'int main(void) { return 0; }'
mkfile README.md '# demo'
commit "initial"
git checkout -q -b feature

chmod +x src/util/str.c
ln -s ../util/str.c src/auth/link.c
printf 'int main(void) { return 0; }\n' > tests/auth/test_link.c
git init -q ../sub && git -C ../sub commit -q --allow-empty -m s
git -c protocol.file.allow=always submodule add -q ../sub vendor/sub
commit "mode, symlink, submodule"
git -C vendor/sub commit -q --allow-empty -m s2
git add vendor/sub && git commit -q -m bump
