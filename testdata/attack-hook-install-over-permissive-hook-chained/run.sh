# The server already has a hook that accepts everything. Installed with
# --chain, riskgate runs first: the old hook's "exit 0" must not let an
# unsigned push through.
. "$CASE/../_hook_attack_lib.sh"
git init -q --bare srv.git
printf '#!/bin/sh\ncat >/dev/null\nexit 0\n' >srv.git/hooks/pre-receive
chmod +x srv.git/hooks/pre-receive
seed_server
"$RISKGATE" hook install --repo "$W/srv.git" --chain >/dev/null 2>&1 || exit 99
push_unsigned
