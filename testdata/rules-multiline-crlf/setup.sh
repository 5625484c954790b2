. "$CASE/../_lib.sh"
# A three-line trigger that names the line break: the lines of a CRLF file,
# of an LF file and of a file with mixed endings are all joined by "\n"
# before the trigger sees them, so each of the three is a finding.
cat > ../policy.json <<'POLICY'
{"version": 1, "default_tier": "app",
 "rules": [{"id": "three.lines", "severity": "error", "files": ["."], "lines": 3,
            "trigger": "^begin\\nmiddle\\nend$", "message": "three lines in a row"}],
 "tiers": [{"name": "app", "paths": ["."], "require": {"rules": ["three.lines"]}}]}
POLICY
printf 'x\n' > lf.txt
printf 'x\r\n' > crlf.txt
printf 'x\n' > mixed.txt
printf 'x\n' > other.txt
commit initial
git checkout -q -b feature
printf 'x\nbegin\nmiddle\nend\n' > lf.txt
printf 'x\r\nbegin\r\nmiddle\r\nend\r\n' > crlf.txt
printf 'x\nbegin\r\nmiddle\nend\r\n' > mixed.txt
printf 'x\nbegin\nmiddle\n\nend\n' > other.txt
commit 'change'
