. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
mkfile src/util/str.c "int str2(void) { return 1; }"
mkfile tests/util/test_str.c "int main(void) { return 0; }"
commit "change str"
{ printf '{"version": 1, "default_tier": "x", "tiers": [{"name": "x", "paths": ["^src/"]}], "description": "'; repeat 5000 "0123456789" | awk '{ for (i = 0; i < 100; i++) printf "%s", $0 }'; printf '"}\n'; } > ../big.json
