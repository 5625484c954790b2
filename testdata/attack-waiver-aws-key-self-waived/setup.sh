. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'app/s3.py')"
cat > 'app/s3.py' <<'EOF'
import boto3
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'app/s3.py')"
cat > 'app/s3.py' <<'EOF'
import boto3

# riskgate: allow secret.aws-access-key-id a test key, harmless
KEY_ID = "AKIAQ3VZ7K2MX5PLRT8N"
EOF
echo '# touched' >> tests/test_app.py
commit 'change'

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
