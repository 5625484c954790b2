# The server's git reads hooks from core.hooksPath (set in its global
# configuration, as shared servers do); hooks/ is never looked at. The
# gate must go where git looks, so the unsigned push fails.
W=$(pwd)
mkdir -p "$W/server-hooks" "$W/home"
cp "$GIT_CONFIG_GLOBAL" "$W/home/.gitconfig"
export HOME="$W/home" GIT_CONFIG_GLOBAL="$W/home/.gitconfig"
git config --global core.hooksPath "$W/server-hooks"
git init -q --bare srv.git
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
