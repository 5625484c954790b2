. "$CASE/../_lib.sh"
# "tests: changed" (tier normal): one test chmod-ed, another renamed
# unchanged; neither is a test change.
mkfile src/util/str.c 'int str(void) { return 0; }'
mkfile tests/util/test_str.c 'int main(void) { return 0; }'
mkfile tests/util/test_misc.c 'int main(void) { return 2; }'
commit "initial"
git checkout -q -b feature
mkfile src/util/str.c 'int str(void) { return 1; }'
chmod +x tests/util/test_str.c
git mv tests/util/test_misc.c tests/util/test_other.c
commit "change str"
