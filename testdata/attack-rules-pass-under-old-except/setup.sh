. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'app/sync.py')"
cat > 'app/sync.py' <<'EOF'
def sync():
    try:
        return push()
    except Exception:
        log.warning("push failed")
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'app/sync.py')"
cat > 'app/sync.py' <<'EOF'
def sync():
    try:
        return push()
    except Exception:
        pass
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
