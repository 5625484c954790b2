# A repository for the *signed-openpgp* cases: on main, src/auth/session.py;
# then a `feature` branch. OpenPGP keys made with gpg in a throwaway home
# (removed, with its agent, when setup.sh ends): alice and bob at
# acme.example, exported to ../keyring.asc (as `gpg --export --armor`
# writes it); mallory's key, which carries a user ID with bob's address, is
# never exported. ../allowed_signers is an allowed-signers file with no
# key, for cases that give --allowed-signers but no keyring.
. "$CASE/../_lib.sh"
mkdir -p src/auth src/util
printf 'def check(token):\n    return token is not None\n' > src/auth/session.py
printf 'def helper():\n    return 1\n' > src/util/helper.py
commit "initial"
git checkout -q -b feature
# A short home: gpg-agent's socket path must stay under 108 bytes.
GNUPGHOME=$(mktemp -d /tmp/rgpg.XXXXXX)
export GNUPGHOME
trap 'gpgconf --kill gpg-agent 2>/dev/null; rm -rf "$GNUPGHOME"' EXIT
pgp_key() { # pgp_key UID: makes an ed25519 signing key, prints its fingerprint
	gpg --batch --pinentry-mode loopback --passphrase '' --quick-gen-key "$1" ed25519 sign 0 \
		2>/dev/null
	gpg --with-colons --list-keys "=$1" | awk -F: '$1 == "fpr" { print $10; exit }'
}
ALICE=$(pgp_key 'Alice <alice@acme.example>')
BOB=$(pgp_key 'Bob <bob@acme.example>')
MALLORY=$(pgp_key 'Mallory (as Bob) <bob@acme.example>')
gpg --export --armor "$ALICE" "$BOB" > ../keyring.asc
printf '# no SSH signer\n' > ../allowed_signers
# pgp_as WHO FPR GIT-ARGS...: runs git with WHO <WHO@acme.example> as the
# committer, signing (with -S) by OpenPGP key FPR, as gpg.format=openpgp does.
pgp_as() {
	who=$1 fpr=$2
	shift 2
	GIT_COMMITTER_NAME=$who GIT_COMMITTER_EMAIL=$who@acme.example \
		git -c gpg.format=openpgp -c gpg.program=gpg -c user.signingkey="$fpr!" "$@"
}
