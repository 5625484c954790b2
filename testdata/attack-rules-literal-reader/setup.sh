. "$CASE/../_lib.sh"
# Triggers whose required literals are easy to misread: "\c]" and "\c\"
# inside a class take the byte after \c (the class does not end, or ends,
# where it seems to), and an escaped line end is matched by the "\n" that
# joins a run's lines, which a CRLF file has as "\r\n". Each line below is
# matched by its rule's trigger, so each must be a finding.
mkfile README.md 'x'
commit initial
git checkout -q -b feature
mkfile a.py 'MYSECRET_KEY = "hunter2hunter2"'
printf 'x = "\034"\n' > b.py
printf 'r = requests.get(url,\r\n    verify=False)\r\n' > c.py
commit 'change'
