. "$CASE/../_lib.sh"
mkfile lib/a.c "int a;"
commit initial
git checkout -q -b feature
mkfile lib/a.c "int a = 1;"
git add -A && git commit -q -m 'Change a' -m 'Reviewed-by: Max Maintainer <maintainer@example.com>

Signed-off-by: Test Author <author@example.com>'
