. "$CASE/../_walkthrough_lib.sh"
mkfile migrations/0002_add_index.sql 'CREATE INDEX IF NOT EXISTS orders_user ON orders (user_id);'
git add -A
git commit -q -F - <<'MSG'
Index orders by user

What happens if this runs twice?
IF NOT EXISTS makes the second run a no-op; the migration tool records
the version once.

Signed-off-by: Dana Developer <dana@example.com>
MSG
git rev-parse HEAD > ../head.txt
