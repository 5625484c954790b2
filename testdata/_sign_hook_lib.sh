# Helpers for the *sign-hook* cases: a bare server whose main holds a policy
# requiring every commit to be signed by its committer, a pre-receive hook
# that runs riskgate with the allowed-signers file, keys for alice (listed)
# and mallory (not), and a clone `w` whose commits alice makes.
set -eu
W=$(pwd)
mkdir -p "$W/keys"
for who in alice mallory; do
	ssh-keygen -q -t ed25519 -N '' -C "$who" -f "$W/keys/$who"
done
printf 'alice@acme.example namespaces="git" %s\n' "$(cut -d' ' -f1,2 "$W/keys/alice.pub")" \
	>"$W/allowed_signers"
cat >"$W/policy.json" <<'JSON'
{"version": 1, "default_tier": "normal",
 "tiers": [{"name": "normal", "require": {"signed_commits": true}}]}
JSON
git init -q --bare "$W/srv.git"
git init -q "$W/w"
cp "$W/policy.json" "$W/w/.riskgate.json"
echo hello >"$W/w/README"
git -C "$W/w" add -A
git -C "$W/w" commit -q -m initial
git -C "$W/w" remote add origin ../srv.git
git -C "$W/w" push -q origin main 2>/dev/null
printf '#!/bin/sh\nexec "%s" hook pre-receive --allowed-signers "%s/allowed_signers"\n' \
	"$RISKGATE" "$W" >"$W/srv.git/hooks/pre-receive"
chmod +x "$W/srv.git/hooks/pre-receive"
export GIT_COMMITTER_NAME=alice GIT_COMMITTER_EMAIL=alice@acme.example
# signed KEY GIT-ARGS...: git in the clone, signing with KEY.
signed() {
	key=$1
	shift
	git -C "$W/w" -c gpg.format=ssh -c user.signingkey="$W/keys/$key" "$@"
}
set +e
