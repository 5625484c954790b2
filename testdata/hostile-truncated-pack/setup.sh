. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
i=0
while [ $i -lt 5 ]; do
	awk -v s=$i 'BEGIN { srand(s); for (j = 0; j < 400; j++) printf "int v%d_%d = %d;\n", s, j, int(rand() * 1e9) }' > src/util/f$i.c
	i=$((i + 1))
done
commit "change"
git repack -adq
git prune
pack=$(ls .git/objects/pack/*.pack)
size=$(wc -c < "$pack")
chmod u+w "$pack"
truncate -s $((size / 2)) "$pack"
