# A server that keeps its hooks in hooks/pre-receive.d/ (a layout git does
# not run by itself): the gate must still run, so the unsigned push fails.
W=$(pwd)
git init -q --bare srv.git
mkdir -p srv.git/hooks/pre-receive.d
git init -q w
cat >w/.riskgate.json <<'J'
{"version": 1, "default_tier": "normal",
 "tiers": [{"name": "normal", "require": {"provenance": {"require_signoff": true}}}]}
J
git -C w add -A && git -C w commit -q -s -m initial
git -C w remote add origin ../srv.git
git -C w push -q origin main 2>/dev/null
"$RISKGATE" hook install --repo "$W/srv.git" >/dev/null 2>&1 || exit 99
echo x >>w/README && git -C w add README && git -C w commit -q -m "unsigned"
git -C w push origin main
