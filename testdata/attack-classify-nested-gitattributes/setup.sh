. "$CASE/../_lib.sh"
mkdir -p tests
: > tests/test_app.py
echo '# demo' > README.md
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'src/app/.gitattributes')"
cat > 'src/app/.gitattributes' <<'EOF'
handlers.py binary
EOF
echo '# touched' >> tests/test_app.py
commit 'add src/app/.gitattributes'
