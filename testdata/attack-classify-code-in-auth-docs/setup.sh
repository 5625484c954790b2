. "$CASE/../_lib.sh"
mkdir -p tests
: > tests/test_app.py
echo '# demo' > README.md
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'src/auth/doc/session_check.py')"
cat > 'src/auth/doc/session_check.py' <<'EOF'
def check(session):
    return True
EOF
echo '# touched' >> tests/test_app.py
commit 'add src/auth/doc/session_check.py'
