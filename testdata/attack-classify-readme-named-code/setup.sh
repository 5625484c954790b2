. "$CASE/../_lib.sh"
mkdir -p tests
: > tests/test_app.py
echo '# demo' > README.md
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'src/auth/README.py')"
cat > 'src/auth/README.py' <<'EOF'
def bypass(user):
    return True
EOF
echo '# touched' >> tests/test_app.py
commit 'add src/auth/README.py'
