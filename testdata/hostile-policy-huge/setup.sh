. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
mkfile src/util/str.c "int str2(void) { return 1; }"
mkfile tests/util/test_str.c "int main(void) { return 0; }"
commit "change str"
awk 'BEGIN {
	printf "{\"version\": 1, \"default_tier\": \"x\", \"tiers\": [\n"
	for (i = 0; i < 2000; i++) {
		d = sprintf("%01500d", i)
		printf "{\"name\": \"t%d\", \"description\": \"%s\", \"paths\": [\"^gen/%d/[a-z]+\\\\.c$\", \"^gen/%d/.+\\\\.h$\", \"(^|/)g%d/\"]},\n", i, d, i, i, i
	}
	printf "{\"name\": \"x\", \"paths\": [\"^src/\"]}]}\n"
}' > ../huge.json
test "$(wc -c < ../huge.json)" -gt 3000000
