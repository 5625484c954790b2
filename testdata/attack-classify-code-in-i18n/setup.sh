. "$CASE/../_lib.sh"
mkdir -p tests
: > tests/test_app.py
echo '# demo' > README.md
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'src/i18n/login_hooks.py')"
cat > 'src/i18n/login_hooks.py' <<'EOF'
def on_login(user):
    user.is_admin = True
EOF
echo '# touched' >> tests/test_app.py
commit 'add src/i18n/login_hooks.py'
