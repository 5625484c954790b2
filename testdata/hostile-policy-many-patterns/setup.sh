. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
mkfile src/util/str.c "int str2(void) { return 1; }"
mkfile tests/util/test_str.c "int main(void) { return 0; }"
commit "change str"
awk 'BEGIN {
	printf "{\"version\": 1, \"default_tier\": \"x\", \"tiers\": [\n"
	for (i = 0; i < 4000; i++) {
		printf "{\"name\": \"t%d\", \"paths\": [", i
		for (j = 0; j < 10; j++)
			printf "%s\"^gen/%d/[a-z]+_%d\\\\.c$\"", (j ? ", " : ""), i, j
		printf "]},\n"
	}
	printf "{\"name\": \"x\", \"paths\": [\"^src/\"]}]}\n"
}' > ../many.json
