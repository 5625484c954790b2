. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "docs/d%03d/f%06d.md\n", i % 1000, i }' |
	import_paths feature "100,000 files"
