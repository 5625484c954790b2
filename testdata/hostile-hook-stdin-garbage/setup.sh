. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
mkfile src/util/str.c "int str2(void) { return 1; }"
mkfile tests/util/test_str.c "int main(void) { return 0; }"
commit "change str"
