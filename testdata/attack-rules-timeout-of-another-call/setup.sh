. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'app/clients/partner.py')"
cat > 'app/clients/partner.py' <<'EOF'
import requests
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'app/clients/partner.py')"
cat > 'app/clients/partner.py' <<'EOF'
import requests

def pull(url, url2):
    a = requests.get(url)
    b = requests.get(url2, timeout=5)
    return a, b
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
