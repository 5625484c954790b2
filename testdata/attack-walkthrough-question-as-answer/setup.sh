. "$CASE/../_walkthrough_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return True'
commit "Accept every token"
answers ../description.md
# Every answer but the first replaced by its own question, louder.
python3 - ../description.md <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
parts = re.split(r'(?m)^(## .*\n)', s)
out = parts[0]
for i in range(1, len(parts), 2):
    head, body = parts[i], parts[i + 1]
    if i > 1:
        q = head[3:].strip()
        body = q.upper() + " " + q + "\n\n"
    out += head + body
open(p, 'w').write(out)
PY
