. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'internal/store/orders.go')"
cat > 'internal/store/orders.go' <<'EOF'
package store
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'internal/store/orders.go')"
cat > 'internal/store/orders.go' <<'EOF'
package store

func save(tx Tx) {
	if err := tx.Commit(); err != nil {
	}
}
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
