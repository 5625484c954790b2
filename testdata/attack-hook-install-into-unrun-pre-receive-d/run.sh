# A server that keeps its hooks in hooks/pre-receive.d/ (a layout git does
# not run by itself): the gate must still run, so the unsigned push fails.
. "$CASE/../_hook_attack_lib.sh"
git init -q --bare srv.git
mkdir -p srv.git/hooks/pre-receive.d
seed_server
"$RISKGATE" hook install --repo "$W/srv.git" >/dev/null 2>&1 || exit 99
push_unsigned
