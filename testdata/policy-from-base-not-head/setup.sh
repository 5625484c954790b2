. "$CASE/../_lib.sh"
cat > .riskgate.json <<'J'
{"version": 1, "default_tier": "strict",
 "tiers": [{"name": "strict", "paths": [], "require": {"tests": "changed"}}]}
J
mkfile src/a.c 'a'
commit "strict policy"
git checkout -q -b feature
cat > .riskgate.json <<'J'
{"version": 1, "default_tier": "lax", "tiers": [{"name": "lax", "paths": []}]}
J
mkfile src/a.c 'b'
commit "weaken the gate"
