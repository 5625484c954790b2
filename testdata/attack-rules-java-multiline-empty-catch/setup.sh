. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'src/main/java/com/acme/Sync.java')"
cat > 'src/main/java/com/acme/Sync.java' <<'EOF'
class Sync {}
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'src/main/java/com/acme/Sync.java')"
cat > 'src/main/java/com/acme/Sync.java' <<'EOF'
class Sync {
  void run() {
    try {
      push();
    } catch (IOException e) {
    }
  }
}
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
