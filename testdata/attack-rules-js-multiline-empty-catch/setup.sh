. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'src/sync.ts')"
cat > 'src/sync.ts' <<'EOF'
export {};
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'src/sync.ts')"
cat > 'src/sync.ts' <<'EOF'
export async function sync() {
  try {
    await push();
  } catch (err) {
    // ignore
  }
}
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
