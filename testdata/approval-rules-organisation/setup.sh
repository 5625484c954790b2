. "$CASE/../_approval_lib.sh"
mkdir -p docs && printf '# Guide\n' > docs/guide.md
commit "A guide"
reviews "$(review carol APPROVED 2026-01-02T10:00:00Z MEMBER)"
