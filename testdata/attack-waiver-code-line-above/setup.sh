. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'app/calc.py')"
cat > 'app/calc.py' <<'EOF'
def calc(expr):
    return 0
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'app/calc.py')"
cat > 'app/calc.py' <<'EOF'
def calc(expr):
    a = eval(CONST)  # riskgate: allow py.eval a constant
    return eval(expr)
EOF
echo '# touched' >> tests/test_app.py
commit 'change'

approve rita
