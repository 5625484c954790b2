# A repository for the *sign* cases: on main, src/auth/session.py; then a
# `feature` branch. ../keys holds SSH keys made with ssh-keygen (alice, bob
# and mallory ed25519, carol RSA); ../allowed_signers, in git's
# gpg.ssh.allowedSignersFile format, lists alice, bob and carol at
# acme.example for namespace "git", never mallory.
. "$CASE/../_lib.sh"
mkdir -p src/auth src/util
printf 'def check(token):\n    return token is not None\n' > src/auth/session.py
printf 'def helper():\n    return 1\n' > src/util/helper.py
commit "initial"
git checkout -q -b feature
KEYS=$(cd .. && pwd)/keys
mkdir -p "$KEYS"
for who in alice bob mallory; do
	ssh-keygen -q -t ed25519 -N '' -C "$who" -f "$KEYS/$who"
done
ssh-keygen -q -t rsa -b 2048 -N '' -C carol -f "$KEYS/carol"
for who in alice bob carol; do
	printf '%s@acme.example namespaces="git" %s\n' "$who" "$(cut -d' ' -f1,2 "$KEYS/$who.pub")"
done > ../allowed_signers
# as WHO KEY GIT-ARGS...: runs git with WHO <WHO@acme.example> as the
# committer, signing (with -S) by KEY's private key, as gpg.format=ssh does.
as() {
	who=$1 key=$2
	shift 2
	GIT_COMMITTER_NAME=$who GIT_COMMITTER_EMAIL=$who@acme.example \
		git -c gpg.format=ssh -c user.signingkey="$KEYS/$key" "$@"
}
