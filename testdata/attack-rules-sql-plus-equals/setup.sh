. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'src/db/orders.js')"
cat > 'src/db/orders.js' <<'EOF'
module.exports = {};
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'src/db/orders.js')"
cat > 'src/db/orders.js' <<'EOF'
function list(db, status) {
  let sql = "SELECT * FROM orders WHERE 1 = 1";
  if (status) {
    sql += " AND status = '" + status + "'";
  }
  return db.query(sql);
}
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
