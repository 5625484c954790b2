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
approve mallory
