. "$CASE/../_lib.sh"
mkdir -p app tests
cat > app/calc.py <<'EOF'
def calc(expr):
    # riskgate: allow py.eval the expression is a constant from settings
    return eval(SETTINGS_EXPR)
EOF
: > tests/test_app.py
commit initial
git checkout -q -b feature
cat > app/calc.py <<'EOF'
def calc(expr):
    # riskgate: allow py.eval the expression is a constant from settings
    user = eval(expr)
    return eval(SETTINGS_EXPR)
EOF
echo '# touched' >> tests/test_app.py
commit 'evaluate the request'

approve rita
