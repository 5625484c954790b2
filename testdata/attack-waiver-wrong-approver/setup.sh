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
    # riskgate: allow py.eval trusted input only
    return eval(expr)
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
cp "$CASE/policy.json" ../policy.json

approve mallory
