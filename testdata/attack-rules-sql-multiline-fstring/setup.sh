. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'app/users.py')"
cat > 'app/users.py' <<'EOF'
def find(cursor, email):
    return None
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'app/users.py')"
cat > 'app/users.py' <<'EOF'
def find(cursor, email):
    cursor.execute(f"""
        SELECT *
        FROM users
        WHERE email = '{email}'
    """)
    return cursor.fetchone()
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
