. "$CASE/../_walkthrough_lib.sh"
mkfile migrations/0002_a.sql 'ALTER TABLE a ADD COLUMN IF NOT EXISTS b int;'
mkfile migrations/0003_c.sql 'UPDATE a SET b = 0 WHERE b IS NULL;'
git add -A
git commit -q -F - <<'MSG'
Backfill a.b

What happens if this runs twice?
Both statements are idempotent: the column exists once and the update
finds no NULL left.
MSG
