. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
head -c 52428800 /dev/zero | tr '\0' 'a' > src/util/one.c
printf 'int x;' >> src/util/one.c
mkfile tests/util/test_one.c 'int main(void) { return 0; }'
commit "one line of 50 MB"
