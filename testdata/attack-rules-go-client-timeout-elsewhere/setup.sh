. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'internal/client/fetch.go')"
cat > 'internal/client/fetch.go' <<'EOF'
package client
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'internal/client/fetch.go')"
cat > 'internal/client/fetch.go' <<'EOF'
package client

var plain = &http.Client{Transport: tr}
var other = &http.Client{Timeout: 5 * time.Second}
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
