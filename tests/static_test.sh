#!/bin/sh
# `make static`: a binary with no shared library, run where a GitHub
# Enterprise Server pre-receive hook runs, in a chroot that holds nothing
# but the binary and the repository. Inside the empty chroot it must decide
# pushes and changes exactly as the dynamic build does outside it.
. "$(dirname "$0")/lib.sh"

root=$(pwd)
make --no-print-directory -C "$root" static >"$T_ROOT/static.out" 2>&1
rc=$?
check "make static exits 0 (got $rc): $(grep -v warning "$T_ROOT/static.out" | tail -3)" [ "$rc" = 0 ]
bin=$root/build-static/riskgate
[ -x "$bin" ] || {
	fail "no build-static/riskgate"
	finish static
	exit 1
}
ldd "$bin" >"$T_ROOT/ldd.out" 2>&1
check "ldd: not a dynamic executable ($(cat "$T_ROOT/ldd.out"))" grep -q "not a dynamic executable" "$T_ROOT/ldd.out"
check "no interpreter (PT_INTERP) in the static binary" sh -c "! readelf -l '$bin' | grep -q 'Requesting program interpreter'"

cd "$T_ROOT" || exit 1
jail=$T_ROOT/jail
mkdir -p "$jail"
cp "$bin" "$jail/riskgate"
# chroot needs root; without it, a user namespace maps the caller to root.
if [ "$(id -u)" = 0 ]; then
	in_jail() { chroot "$jail" "$@"; }
elif unshare -r true 2>/dev/null; then
	in_jail() { unshare -r chroot "$jail" "$@"; }
else
	fail "cannot chroot: not root, and user namespaces are not available"
	finish static
	exit 1
fi
check "the jail holds only the binary" [ "$(ls "$jail")" = riskgate ]

in_jail /riskgate --version >version.out 2>&1
check "--version runs in the empty chroot" grep -q '^riskgate [0-9]' version.out
check "--version says OpenPGP is not built in" grep -q 'OpenPGP signatures: not built in' version.out
check "--version names libgit2" grep -q '^libgit2 ' version.out

# A server repository in the jail, and a working clone outside it.
new_repo work
mkdir -p work/docs
printf 'docs\n' >work/docs/guide.md
git -C work add -A && git -C work commit -q -m "docs"
git clone -q --bare work "$jail/repo.git"
base=$(git -C work rev-parse HEAD)
mkdir -p work/src/auth
printf 'int check(void) { return 1; }\n' >work/src/auth/session.c
git -C work add -A && git -C work commit -q -m "auth"
bad=$(git -C work rev-parse HEAD)
git -C work checkout -q -b docs "$base"
printf 'more\n' >>work/docs/guide.md
git -C work commit -q -am "more docs"
good=$(git -C work rev-parse HEAD)
# The objects land in the server repository as a push would leave them.
git -C work push -q "$jail/repo.git" "$bad:refs/heads/incoming-a" "$good:refs/heads/incoming-b"

norm() { sed 's/decided in [0-9]* ms/decided in N ms/'; }
# hook NAME OLD NEW EXPECTED-EXIT: the same push decided in the jail and
# outside it by the dynamic build.
hook() {
	printf '%s %s refs/heads/main\n' "$2" "$3" >"$1.in"
	in_jail /riskgate hook pre-receive --repo /repo.git <"$1.in" >"$1.jail" 2>&1
	jrc=$?
	"$RISKGATE" hook pre-receive --repo "$jail/repo.git" <"$1.in" >"$1.host" 2>&1
	hrc=$?
	check "$1: exit $4 in the jail (got $jrc): $(tail -2 "$1.jail")" [ "$jrc" = "$4" ]
	check "$1: exit $4 outside (got $hrc)" [ "$hrc" = "$4" ]
	norm <"$1.jail" >"$1.jail.n"
	norm <"$1.host" >"$1.host.n"
	check "$1: the jail's output is the dynamic build's" cmp -s "$1.jail.n" "$1.host.n"
}
hook push-auth "$base" "$bad" 1
check "push-auth: the failure is explained" grep -q 'tier "critical"' push-auth.jail
hook push-docs "$base" "$good" 0

# check, in the jail, on the same repository: the same report.
in_jail /riskgate check --repo /repo.git --base "$base" --head "$bad" --format json >check.jail 2>check.jail.err
jrc=$?
"$RISKGATE" check --repo "$jail/repo.git" --base "$base" --head "$bad" --format json >check.host 2>check.host.err
hrc=$?
check "check in the jail: exit 1 (got $jrc): $(head -2 check.jail.err)" [ "$jrc" = 1 ]
check "check outside: exit 1 (got $hrc)" [ "$hrc" = 1 ]
check "check: the jail's JSON report is the dynamic build's" cmp -s check.jail check.host

# SSH commit signatures are verified with the statically linked libcrypto:
# alice's signed commit passes, mallory's (not listed) fails, in the jail
# as outside.
command -v ssh-keygen >/dev/null 2>&1 || fail "ssh-keygen not found (tools/deps.sh installs openssh-client)"
for who in alice mallory; do
	ssh-keygen -q -t ed25519 -N '' -C "$who" -f "$T_ROOT/$who"
done
printf 'alice@acme.example namespaces="git" %s\n' "$(cut -d' ' -f1,2 "$T_ROOT/alice.pub")" \
	>"$jail/allowed_signers"
printf '{"version": 1, "default_tier": "normal",\n "tiers": [{"name": "normal", "require": {"signed_commits": true}}]}\n' \
	>"$jail/signed.json"
for who in alice mallory; do
	git -C work checkout -q -b "sig-$who" "$base"
	printf '%s\n' "$who" >"work/$who.txt"
	git -C work add -A
	GIT_COMMITTER_EMAIL=alice@acme.example git -C work -c gpg.format=ssh \
		-c user.signingkey="$T_ROOT/$who" commit -q -S -m "signed by $who"
	git -C work push -q "$jail/repo.git" "HEAD:refs/heads/incoming-$who"
done
for who in alice mallory; do
	want=0
	[ "$who" = mallory ] && want=1
	c=$(git -C work rev-parse "sig-$who")
	in_jail /riskgate check --repo /repo.git --policy /signed.json --allowed-signers /allowed_signers \
		--base "$base" --head "$c" >"sig-$who.jail" 2>&1
	jrc=$?
	"$RISKGATE" check --repo "$jail/repo.git" --policy "$jail/signed.json" \
		--allowed-signers "$jail/allowed_signers" --base "$base" --head "$c" >"sig-$who.host" 2>&1
	hrc=$?
	check "signed by $who: exit $want in the jail (got $jrc): $(tail -2 "sig-$who.jail")" [ "$jrc" = "$want" ]
	check "signed by $who: exit $want outside (got $hrc)" [ "$hrc" = "$want" ]
	sed "s|$jail||g" "sig-$who.host" >"sig-$who.host.n"
	check "signed by $who: the jail's output is the dynamic build's" cmp -s "sig-$who.jail" "sig-$who.host.n"
done

# Errors fail closed in the jail too.
in_jail /riskgate check --repo /repo.git --base "$base" --head no-such-rev >err.out 2>&1
rc=$?
check "unknown revision in the jail: exit 3 (got $rc)" [ "$rc" = 3 ]
check "unknown revision in the jail: named" grep -q 'no-such-rev' err.out
in_jail /riskgate check --repo /nowhere --base a --head b >err2.out 2>&1
rc=$?
check "missing repository in the jail: exit 3 (got $rc)" [ "$rc" = 3 ]

# --- A GitHub Enterprise Server hook environment, built as
# docs/pre-receive.md says: a static busybox for /bin/sh, the static binary,
# the hook script GHES runs, and GHES's variables; the repository where
# GIT_DIR says. What the pusher sees goes to standard output there.
BUSYBOX=/bin/busybox
if [ -x "$BUSYBOX" ] && ! ldd "$BUSYBOX" >/dev/null 2>&1; then
	env=$T_ROOT/ghes-env
	mkdir -p "$env/bin" "$env/usr/local/bin" "$env/tmp"
	cp "$BUSYBOX" "$env/bin/busybox" && ln -s busybox "$env/bin/sh"
	cp "$bin" "$env/usr/local/bin/riskgate"
	tar -C "$env" -czf riskgate-hook-env.tar.gz .
	check "the environment's tarball holds /bin/sh and the binary" \
		sh -c 'tar -tzf "$1" | grep -qx "./bin/sh" && tar -tzf "$1" | grep -qx "./usr/local/bin/riskgate"' - riskgate-hook-env.tar.gz
	# What the appliance does with it: unpack, mount the repository, run
	# the script from the hook repository with the push on standard input.
	ghes=$T_ROOT/ghes-root
	mkdir -p "$ghes"
	tar -C "$ghes" -xzf riskgate-hook-env.tar.gz
	mkdir -p "$ghes/data"
	cp -R "$jail/repo.git" "$ghes/data/repo.git"
	printf '#!/bin/sh\nexec /usr/local/bin/riskgate hook pre-receive --max-lines 50\n' >"$ghes/riskgate-pre-receive.sh"
	chmod +x "$ghes/riskgate-pre-receive.sh"
	printf '%s %s refs/heads/main\n' "$base" "$bad" >ghes-bad.in
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin GIT_DIR=/data/repo.git GITHUB_REPO_NAME=acme/app \
		GITHUB_REPO_PUBLIC=false GITHUB_USER_LOGIN=octocat GITHUB_USER_IP=192.0.2.1 \
		GIT_PUSH_OPTION_COUNT=0 GIT_USER_AGENT=git/2.39.5 \
		sh -c "$(command -v unshare >/dev/null && [ "$(id -u)" != 0 ] && echo 'unshare -r ')chroot \"\$0\" /riskgate-pre-receive.sh" "$ghes" \
		<ghes-bad.in >ghes-bad.out 2>ghes-bad.err
	rc=$?
	check "GHES environment: a bad push is rejected (exit 1, got $rc): $(tail -2 ghes-bad.err)" [ "$rc" = 1 ]
	check "GHES environment: the pusher's lines on standard output" \
		grep -q '^riskgate: push rejected (exit 1)' ghes-bad.out
	check "GHES environment: the server's context first" \
		sh -c 'head -n 1 "$1" | grep -qx "riskgate: GitHub Enterprise Server: acme/app, push by octocat"' - ghes-bad.out
	check "GHES environment: nothing on standard error" [ ! -s ghes-bad.err ]
	printf '%s %s refs/heads/main\n' "$base" "$good" >ghes-good.in
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin GIT_DIR=/data/repo.git GITHUB_REPO_NAME=acme/app \
		GITHUB_USER_LOGIN=octocat GIT_PUSH_OPTION_COUNT=0 \
		sh -c "$(command -v unshare >/dev/null && [ "$(id -u)" != 0 ] && echo 'unshare -r ')chroot \"\$0\" /riskgate-pre-receive.sh" "$ghes" \
		<ghes-good.in >ghes-good.out 2>&1
	rc=$?
	check "GHES environment: a good push is accepted (exit 0, got $rc): $(tail -2 ghes-good.out)" [ "$rc" = 0 ]
else
	fail "no static busybox at $BUSYBOX (tools/deps.sh installs busybox-static)"
fi

finish static
