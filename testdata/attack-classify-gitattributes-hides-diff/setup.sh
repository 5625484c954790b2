. "$CASE/../_lib.sh"
mkdir -p tests
: > tests/test_app.py
echo '# demo' > README.md
commit initial
git checkout -q -b feature
mkdir -p "$(dirname '.gitattributes')"
cat > '.gitattributes' <<'EOF'
*.py -diff linguist-generated
EOF
echo '# touched' >> tests/test_app.py
commit 'add .gitattributes'
