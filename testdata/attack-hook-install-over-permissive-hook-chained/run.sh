# The server already has a hook that accepts everything. Installed with
# --chain, riskgate runs first: the old hook's "exit 0" must not let an
# unsigned push through.
W=$(pwd)
git init -q --bare srv.git
printf '#!/bin/sh\ncat >/dev/null\nexit 0\n' >srv.git/hooks/pre-receive
chmod +x srv.git/hooks/pre-receive
git init -q w
cat >w/.riskgate.json <<'J'
{"version": 1, "default_tier": "normal",
 "tiers": [{"name": "normal", "require": {"provenance": {"require_signoff": true}}}]}
J
git -C w add -A && git -C w commit -q -s -m initial
git -C w remote add origin ../srv.git
git -C w push -q origin main 2>/dev/null
"$RISKGATE" hook install --repo "$W/srv.git" --chain >/dev/null 2>&1 || exit 99
echo x >>w/README && git -C w add README && git -C w commit -q -m "unsigned"
git -C w push origin main
