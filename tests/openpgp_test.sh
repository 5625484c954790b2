#!/bin/sh
# OpenPGP commit signatures (--openpgp-keyring), against gpg and git as the
# oracle: keys made with gpg in a throwaway GNUPGHOME, commits signed with
# `git commit -S`, and for each commit riskgate's status compared with
# `git verify-commit` run against a home that holds only the exported
# keyring. They must agree on whether the signature is good; riskgate's
# status must be the specific one. Then the keyring file's errors.
. "$(dirname "$0")/lib.sh"

# The suite needs a riskgate built with librnp; one built without says so
# in --version, refuses a keyring, and would fail every case below.
case $("$RISKGATE" --version) in
*"OpenPGP signatures: librnp "*) pass ;;
*) fail "riskgate was built without librnp (install librnp-dev and rebuild): $("$RISKGATE" --version)" ;;
esac

command -v gpg >/dev/null 2>&1 || {
	echo "openpgp: gpg not found (tools/deps.sh installs gnupg)" >&2
	exit 1
}

# Short homes: gpg-agent's socket path must stay under 108 bytes.
G="$T_ROOT/g" # the signers' home, with every secret key
V="$T_ROOT/v" # the verifier's home: only the exported public keyring
mkdir -p "$G" "$V"
chmod 700 "$G" "$V"
cleanup() {
	GNUPGHOME="$G" gpgconf --kill gpg-agent 2>/dev/null
	GNUPGHOME="$V" gpgconf --kill gpg-agent 2>/dev/null
	[ -n "${KEEP_TEST_DIR:-}" ] || rm -rf "$T_ROOT"
}
trap cleanup EXIT
export GNUPGHOME="$G"

gen() { # gen UID ALGO USAGE EXPIRE [gpg options...]
	uid=$1 algo=$2 usage=$3 expire=$4
	shift 4
	gpg --batch --pinentry-mode loopback --passphrase '' "$@" \
		--quick-gen-key "$uid" "$algo" "$usage" "$expire" 2>/dev/null
}
fpr_of() { # the primary key's fingerprint of EMAIL
	gpg --with-colons --list-keys "<$1>" | awk -F: '$1 == "fpr" { print $10; exit }'
}

gen 'Alice <alice@example.com>' ed25519 sign 0
ALICE=$(fpr_of alice@example.com)
gen 'Bob <bob@example.com>' rsa3072 sign 0
BOB=$(fpr_of bob@example.com)
gen 'Carol <carol@example.com>' ed25519 cert 0
CAROL=$(fpr_of carol@example.com)
gpg --batch --pinentry-mode loopback --passphrase '' --quick-add-key "$CAROL" ed25519 sign 0 \
	2>/dev/null
CAROL_SUB=$(gpg --with-colons --list-keys "$CAROL" |
	awk -F: '$1 == "sub" { s = 1 } s && $1 == "fpr" { print $10; exit }')
# Mallory's key carries Alice's address, and is not in the keyring.
gen 'Mallory <alice@example.com>' ed25519 sign 0
MALLORY=$(gpg --with-colons --list-keys 'Mallory' | awk -F: '$1 == "fpr" { print $10; exit }')
# Dave's key lived one day in December 2025; the commits are dated
# 2026-01-01 (tests/lib.sh).
gen 'Dave <dave@example.com>' ed25519 sign 1d --faked-system-time 20251201T000000
DAVE=$(fpr_of dave@example.com)
gen 'Erin <erin@example.com>' ed25519 sign 0
ERIN=$(fpr_of erin@example.com)
# Frank's one user ID holds two addresses, the second Bob's: a keyring
# listing shows "Frank <frank@example.com> ...", so it must not sign for Bob.
gen 'Frank <frank@example.com> <bob@example.com>' ed25519 sign 0
FRANK=$(gpg --with-colons --list-keys 'Frank' | awk -F: '$1 == "fpr" { print $10; exit }')
for k in "$ALICE" "$BOB" "$CAROL" "$CAROL_SUB" "$MALLORY" "$DAVE" "$ERIN" "$FRANK"; do
	check "key made: '$k'" test ${#k} = 40
done

cd "$T_ROOT" || exit 1
git init -q repo
cd repo || exit 1
git commit -q --allow-empty -m root
# "refs": the hook below gates the branches it pushes to.
cat >../policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "signed",
  "refs": ["^refs/heads/"],
  "tiers": [
    {"name": "signed", "paths": ["."], "require": {"signed_commits": true}}
  ]
}
JSON

# signed BRANCH EMAIL KEY [GPG]: a commit on BRANCH (from main) committed by
# EMAIL and signed with KEY (the signing program GPG, default gpg).
signed() {
	git checkout -q -b "$1" main
	printf '%s\n' "$1" >"$1.txt"
	git add "$1.txt"
	GIT_COMMITTER_EMAIL=$2 git -c gpg.program="${4:-gpg}" -c user.signingkey="$3!" \
		commit -q -S -m "$1" || fail "$1: git commit -S failed"
	git checkout -q main
}

signed ed25519 alice@example.com "$ALICE"
signed rsa bob@example.com "$BOB"
signed subkey carol@example.com "$CAROL_SUB"
signed wrong-identity bob@example.com "$ALICE"
signed unknown alice@example.com "$MALLORY"
signed two-addresses bob@example.com "$FRANK"
printf '#!/bin/sh\nexec gpg --faked-system-time 20251201T010000 "$@"\n' >../oldgpg
chmod +x ../oldgpg
signed expired dave@example.com "$DAVE" "$(cd .. && pwd)/oldgpg"
signed revoked erin@example.com "$ERIN"
# Tampered: Alice's signed commit with another message, its gpgsig kept.
T=$(git cat-file commit ed25519 | sed 's/^ed25519$/ed25519, and something else/' |
	git hash-object -w -t commit --stdin)
git branch tampered "$T"

# Erin's key is revoked after she signed (the revocation certificate gpg
# wrote when it made the key).
sed 's/^:-----BEGIN/-----BEGIN/' "$G/openpgp-revocs.d/$ERIN.rev" >../erin.rev
gpg --batch --import ../erin.rev 2>/dev/null

gpg --export "$ALICE" "$BOB" "$CAROL" "$DAVE" "$ERIN" "$FRANK" >../keyring.gpg
gpg --export --armor "$ALICE" "$BOB" "$CAROL" "$DAVE" "$ERIN" "$FRANK" >../keyring.asc
GNUPGHOME="$V" gpg --batch --import ../keyring.gpg 2>/dev/null

# verdict BRANCH KEYRING: riskgate's output for the branch's commit.
verdict() {
	"$RISKGATE" check --repo . --base main --head "$1" --policy ../policy.json \
		--openpgp-keyring "$2" --no-color 2>&1
}

# expect BRANCH STATUS TEXT: riskgate's status for the branch's commit is
# STATUS (with TEXT in its output) under both keyrings, and git
# verify-commit agrees on good (verified, signed by someone else) or not.
expect() {
	branch=$1 status=$2 text=$3
	if GNUPGHOME="$V" git verify-commit "$branch" >/dev/null 2>&1; then git_good=1; else git_good=0; fi
	for kr in ../keyring.gpg ../keyring.asc; do
		out=$(verdict "$branch" "$kr")
		rc=$?
		case $status in
		verified)
			rg_good=1
			[ "$rc" = 0 ] || fail "$branch ($kr): exit $rc, expected 0: $out"
			;;
		*)
			[ "$rc" = 1 ] || fail "$branch ($kr): exit $rc, expected 1: $out"
			case $out in
			*"is not signed by its committer <"*">: $status ("*) ;;
			*) fail "$branch ($kr): no \"$status\" in: $out" ;;
			esac
			rg_good=0
			[ "$status" = "signed by someone else" ] && rg_good=1
			;;
		esac
		case $out in
		*"$text"*) pass ;;
		*) fail "$branch ($kr): output lacks \"$text\": $out" ;;
		esac
		# Only riskgate speaks: no library diagnostic (librnp's
		# "[signed_validate_signature() ...]") reaches the pusher.
		case $out in
		*"[signed_"* | *"stream-parse"* | *"librepgp"*) fail "$branch ($kr): librnp wrote: $out" ;;
		*) pass ;;
		esac
		check "$branch ($kr): riskgate ($rg_good) and git verify-commit ($git_good) agree" \
			test "$rg_good" = "$git_good"
	done
}

expect ed25519 verified "1 of 1 commit(s)"
expect rsa verified "1 of 1 commit(s)"
expect subkey verified "1 of 1 commit(s)"
expect wrong-identity "signed by someone else" "the OpenPGP key of alice@example.com"
expect unknown "unknown key" "is not in the keyring"
expect two-addresses "signed by someone else" "no valid user ID with an email"
expect tampered "bad signature" "does not verify over the content"
expect expired "key not valid for git at the commit's time" "had expired at the commit's time"
expect revoked "key not valid for git at the commit's time" "the key is revoked"

# Without a keyring an OpenPGP signature is unsupported, and says how.
out=$("$RISKGATE" check --repo . --base main --head ed25519 --policy ../policy.json \
	--allowed-signers /dev/null --no-color 2>&1)
rc=$?
check "no keyring: exit 1" test "$rc" = 1
case $out in
*"unsupported signature (an OpenPGP signature: pass --openpgp-keyring FILE"*) pass ;;
*) fail "no keyring: $out" ;;
esac
# Both options together: the signature's kind picks the verifier.
out=$("$RISKGATE" check --repo . --base main --head rsa --policy ../policy.json \
	--allowed-signers /dev/null --openpgp-keyring ../keyring.asc --no-color 2>&1)
check "both options: exit 0 ($out)" test $? = 0

# audit and the pre-receive hook take the keyring too.
"$RISKGATE" audit --repo . --policy ../policy.json --openpgp-keyring ../keyring.gpg \
	main..subkey >/dev/null 2>&1
check "audit, signed by a subkey: exit 0" test $? = 0
out=$("$RISKGATE" audit --repo . --policy ../policy.json --openpgp-keyring ../keyring.gpg \
	main..unknown 2>&1)
check "audit, unknown key: exit 1" test $? = 1
case $out in
*"unknown key"*) pass ;;
*) fail "audit, unknown key: $out" ;;
esac
git init -q --bare ../srv.git
git push -q ../srv.git main 2>/dev/null
printf '#!/bin/sh\nexec "%s" hook pre-receive --policy "%s/policy.json" --openpgp-keyring "%s/keyring.asc"\n' \
	"$RISKGATE" "$T_ROOT" "$T_ROOT" >../srv.git/hooks/pre-receive
chmod +x ../srv.git/hooks/pre-receive
git push -q ../srv.git rsa:refs/heads/rsa >/dev/null 2>&1
check "hook: a push signed by its committer's OpenPGP key is accepted" test $? = 0
out=$(git push ../srv.git wrong-identity:refs/heads/wrong 2>&1)
check "hook: a push signed by another's key is rejected" test $? != 0
case $out in
*"signed by someone else"*) pass ;;
*) fail "hook: $out" ;;
esac

# keyring_error NAME FILE TEXT: refused with exit 2 and TEXT.
keyring_error() {
	out=$("$RISKGATE" check --repo . --base main --head ed25519 --policy ../policy.json \
		--openpgp-keyring "$2" --no-color 2>&1)
	rc=$?
	check "$1: exit $rc, expected 2" test "$rc" = 2
	case $out in
	*"$3"*) pass ;;
	*) fail "$1: output lacks \"$3\": $out" ;;
	esac
}
gpg --batch --pinentry-mode loopback --passphrase '' --export-secret-keys "$ALICE" \
	>../secret.gpg 2>/dev/null
gpg --batch --pinentry-mode loopback --passphrase '' --export-secret-keys --armor \
	"$ALICE" >../secret.asc 2>/dev/null
: >../empty.gpg
printf 'not a key\n' >../junk.txt
cat ../keyring.asc ../secret.asc >../mixed.asc
keyring_error "secret key" ../secret.gpg "a gate's keyring holds public keys only"
keyring_error "armored secret key" ../secret.asc "a gate's keyring holds public keys only"
keyring_error "public and secret keys" ../mixed.asc "a gate's keyring holds public keys only"
keyring_error "empty keyring" ../empty.gpg "no public key in it"
keyring_error "not a keyring" ../junk.txt "../junk.txt"
keyring_error "missing keyring" ../nothing.gpg "OpenPGP keyring ../nothing.gpg"

# librnp is loaded when a keyring is given, not linked: a librnp that cannot
# be loaded (here a broken file found first on the library path) is said by
# --version, and a keyring is then refused (exit 2), never passed over.
mkdir -p ../badlib && printf 'not a library' >../badlib/librnp.so.0
case $(LD_LIBRARY_PATH="$PWD/../badlib" "$RISKGATE" --version) in
*"OpenPGP signatures: librnp cannot be loaded ("*) pass ;;
*) fail "--version with a broken librnp: $(LD_LIBRARY_PATH="$PWD/../badlib" "$RISKGATE" --version)" ;;
esac
out=$(LD_LIBRARY_PATH="$PWD/../badlib" "$RISKGATE" check --repo . --base main --head ed25519 \
	--policy ../policy.json --openpgp-keyring ../keyring.gpg --no-color 2>&1)
rc=$?
check "a broken librnp: exit $rc, expected 2" test "$rc" = 2
case $out in
*"librnp cannot be loaded"*) pass ;;
*) fail "a broken librnp: output lacks the reason: $out" ;;
esac
# Without a keyring librnp is not needed: the same run without one still
# gives its verdict (the OpenPGP signature unsupported, so exit 1).
LD_LIBRARY_PATH="$PWD/../badlib" "$RISKGATE" check --repo . --base main --head ed25519 \
	--policy ../policy.json --no-color >/dev/null 2>&1
rc=$?
check "a broken librnp, no keyring: a verdict (exit $rc)" test "$rc" = 1

finish openpgp
