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

approve rita
