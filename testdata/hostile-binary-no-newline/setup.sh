. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf 'a\0b\377\033[31m\001' > src/util/blob.bin
printf 'int tail(void) { return 0; }' > src/util/tail.c
mkfile tests/util/test_tail.c 'int main(void) { return 0; }'
commit "a binary and a text file without a final newline"
