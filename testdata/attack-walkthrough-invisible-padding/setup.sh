. "$CASE/../_walkthrough_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return True'
commit "Accept every token"
answers ../description.md
# The second answer: "ok" padded with characters that render as nothing or
# as space (zero-width space, no-break space, word joiner, BOM).
python3 - ../description.md <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
pad = "ok" + "\u200b\u00a0\u2060\ufeff\u200d\u3000" * 20
s = re.sub(r'(## What happens if this runs twice\?\n)(.*?)(\n\n)', lambda m: m.group(1) + pad + m.group(3), s, flags=re.S)
open(p, 'w').write(s)
PY
