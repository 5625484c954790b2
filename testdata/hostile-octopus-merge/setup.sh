. "$CASE/../_lib.sh"
mkfile README.md x
commit "initial"
for b in a b c; do
	git checkout -q -b $b main
	mkfile src/$b/$b.c "int $b;"
	commit "$b"
done
git checkout -q -b feature main
git commit -q --allow-empty -m "start"
git merge -q --no-ff --no-edit a b c
test "$(git rev-list --count --min-parents=3 feature)" = 1
