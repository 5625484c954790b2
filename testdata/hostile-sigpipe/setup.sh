. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "docs/f%05d.md\n", i }' | import_paths feature "many files"
