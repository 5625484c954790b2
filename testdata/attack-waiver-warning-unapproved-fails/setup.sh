. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'app/reports.py')"
cat > 'app/reports.py' <<'EOF'
def report(cursor):
    return []
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'app/reports.py')"
cat > 'app/reports.py' <<'EOF'
def report(cursor):
    return cursor.fetchall()  # riskgate: allow py.unbounded-fetchall small table
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
