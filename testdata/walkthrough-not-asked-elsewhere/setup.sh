. "$CASE/../_walkthrough_lib.sh"
mkfile README.md 'app, documented'
commit "Document"
