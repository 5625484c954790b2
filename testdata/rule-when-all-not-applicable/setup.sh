. "$CASE/../_rule_when_lib.sh"
printf '# Guide\n\nRun `make`.\n' > docs/guide.md
commit "Document the build"
reviews
