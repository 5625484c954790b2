. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'app/users.py')"
cat > 'app/users.py' <<'EOF'
def find(cursor, name):
    return None
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'app/users.py')"
cat > 'app/users.py' <<'EOF'
def find(cursor, name):
    cursor.execute("SELECT * FROM users "
                   "WHERE name = '%s'" % name)
    return cursor.fetchone()
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
