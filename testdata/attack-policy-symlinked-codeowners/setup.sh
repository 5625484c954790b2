. "$CASE/../_lib.sh"
# A CODEOWNERS that is a symlink would have read as "no CODEOWNERS", so no
# code owner would have been required.
mkfile owners.txt '* @org/security'
mkdir -p .github && ln -s ../owners.txt .github/CODEOWNERS
commit "owners behind a symlink"
git checkout -q -b feature
# A documentation change the built-in policy lets through unsigned.
mkfile docs/guide.md 'guide'
git add docs/guide.md
git commit -q -m "unsigned change"
