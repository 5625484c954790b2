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

approve() { # approvals.json approving HEAD by each LOGIN argument
	sha=$(git rev-parse HEAD)
	{
		printf '['
		sep=""
		for login in "$@"; do
			printf '%s{"id": 1, "user": {"login": "%s", "type": "User"}, "state": "APPROVED", "commit_id": "%s", "submitted_at": "2026-01-02T00:00:00Z", "author_association": "MEMBER"}' "$sep" "$login" "$sha"
			sep=","
		done
		printf ']\n'
	} > ../approvals.json
}
approve rita
