# The server's git reads hooks from core.hooksPath (set in its global
# configuration, as shared servers do); hooks/ is never looked at. The
# gate must go where git looks, so the unsigned push fails.
. "$CASE/../_hook_attack_lib.sh"
mkdir -p "$W/server-hooks" "$W/home"
cp "$GIT_CONFIG_GLOBAL" "$W/home/.gitconfig"
export HOME="$W/home" GIT_CONFIG_GLOBAL="$W/home/.gitconfig"
git config --global core.hooksPath "$W/server-hooks"
seed_server
"$RISKGATE" hook install --repo "$W/srv.git" >/dev/null 2>&1 || exit 99
push_unsigned
