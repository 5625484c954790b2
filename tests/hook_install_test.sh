#!/bin/sh
# `hook install` puts the gate where the server runs it, and `hook status`
# proves it by asking git. Every scenario ends with real pushes: a commit
# without a sign-off must be rejected wherever the hook went, and status
# must say "no" exactly when such a push would land.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/hookinstall"
mkdir -p "$W"
cd "$W" || exit 1
BIN=${RISKGATE_BIN:-$RISKGATE}

exits() { if [ "$2" = "$3" ]; then pass; else fail "$1: exit $3, expected $2"; sed 's/^/    /' "$W/out" | head -n 20 >&2; fi; }
out_has() {
	if grep -qF -- "$2" "$W/out"; then pass; else
		fail "$1: output lacks: $2"
		sed 's/^/    /' "$W/out" | head -n 20 >&2
	fi
}

cat >policy.json <<'EOF'
{"version": 1, "default_tier": "normal",
 "tiers": [{"name": "normal", "require": {"provenance": {"require_signoff": true}}}]}
EOF

# server NAME: a bare repository seeded (before any hook) with the policy,
# and a clone w-NAME that pushes to it.
server() {
	rm -rf "$1.git" "w-$1"
	git init -q --bare "$1.git"
	git init -q "w-$1"
	cp policy.json "w-$1/.riskgate.json"
	git -C "w-$1" add -A && git -C "w-$1" commit -q -s -m initial
	git -C "w-$1" remote add origin "../$1.git"
	git -C "w-$1" push -q origin main 2>/dev/null
}

# bad_push NAME: an unsigned commit; exit in $rc, output in out. The clone
# is put back so that the next push starts from the server's state.
bad_push() {
	echo "x$$" >>"w-$1/f" && git -C "w-$1" add f && git -C "w-$1" commit -q -m unsigned
	git -C "w-$1" push origin main >out 2>&1
	rc=$?
	git -C "w-$1" reset -q --hard HEAD~1
}
good_push() {
	echo "y$$" >>"w-$1/g" && git -C "w-$1" add g && git -C "w-$1" commit -q -s -m signed
	git -C "w-$1" push origin main >out 2>&1
	rc=$?
}
status() { s_repo=$1; shift; "$RISKGATE" hook status --repo "$s_repo.git" "$@" >out 2>&1; rc=$?; }

# ---- a pre-receive.d/ directory that git never runs --------------------------
# Before: the hook went into pre-receive.d/ and the unsigned push landed.
server d
mkdir d.git/hooks/pre-receive.d
status d
exits "pre-receive.d: status before install says no" 1 "$rc"
out_has "pre-receive.d: status before install" "riskgate runs on the next push: NO"
"$RISKGATE" hook install --repo d.git >out 2>&1
exits "pre-receive.d: install" 0 $?
out_has "pre-receive.d: installed where git runs it" "installed $W/d.git/hooks/pre-receive:"
out_has "pre-receive.d: says the directory is not run" "pre-receive.d/ exists, but git runs only"
check "pre-receive.d: nothing written into the directory" test ! -e d.git/hooks/pre-receive.d/riskgate
bad_push d
exits "pre-receive.d: unsigned push rejected" 1 "$rc"
out_has "pre-receive.d: rejected by riskgate" "push rejected"
status d
exits "pre-receive.d: status after install says yes" 0 "$rc"
out_has "pre-receive.d: status names the binary" "riskgate runs on the next push: yes - it answered (riskgate"
good_push d
exits "pre-receive.d: signed push lands" 0 "$rc"

# ---- core.hooksPath, relative and absolute ----------------------------------
server rel
git -C rel.git config core.hooksPath my-hooks
"$RISKGATE" hook install --repo rel.git >out 2>&1
exits "hooksPath relative: install" 0 $?
out_has "hooksPath relative: where" "installed $W/rel.git/my-hooks/pre-receive:"
out_has "hooksPath relative: says why" "git says it runs hooks from $W/rel.git/my-hooks"
check "hooksPath relative: hooks/pre-receive not written" test ! -e rel.git/hooks/pre-receive
bad_push rel
exits "hooksPath relative: unsigned push rejected" 1 "$rc"
status rel
exits "hooksPath relative: status yes" 0 "$rc"

server abs
mkdir -p "$W/shared hooks"
git -C abs.git config core.hooksPath "$W/shared hooks"
"$RISKGATE" hook install --repo abs.git >out 2>&1
exits "hooksPath absolute (with a space): install" 0 $?
check "hooksPath absolute: written there" test -x "$W/shared hooks/pre-receive"
bad_push abs
exits "hooksPath absolute: unsigned push rejected" 1 "$rc"

# core.hooksPath from a global configuration git reads through
# GIT_CONFIG_GLOBAL (a file libgit2 alone would not look at): the place
# comes from git itself.
server glob
mkdir -p "$W/glob-hooks"
cp "$GIT_CONFIG_GLOBAL" "$W/glob.gitconfig"
git config --file "$W/glob.gitconfig" core.hooksPath "$W/glob-hooks"
GIT_CONFIG_GLOBAL="$W/glob.gitconfig" "$RISKGATE" hook install --repo glob.git >out 2>&1
exits "global hooksPath: install" 0 $?
check "global hooksPath: written where git looks" test -x "$W/glob-hooks/pre-receive"
echo "z$$" >>w-glob/f && git -C w-glob add f && git -C w-glob commit -q -m unsigned
GIT_CONFIG_GLOBAL="$W/glob.gitconfig" git -C w-glob push origin main >out 2>&1
exits "global hooksPath: unsigned push rejected" 1 $?

# Installed, then core.hooksPath pointed elsewhere: status must notice.
server moved
"$RISKGATE" hook install --repo moved.git >/dev/null 2>&1
git -C moved.git config core.hooksPath /nonexistent-hooks
status moved
exits "hooksPath changed after install: status no" 1 "$rc"
out_has "hooksPath changed: names the file git runs" "no hook at /nonexistent-hooks/pre-receive"
bad_push moved
exits "hooksPath changed: the push indeed lands (status was right)" 0 "$rc"
git -C moved.git config --unset core.hooksPath

# Not executable: git skips it, status says so.
server noexec
"$RISKGATE" hook install --repo noexec.git >/dev/null 2>&1
chmod -x noexec.git/hooks/pre-receive
status noexec
exits "not executable: status no" 1 "$rc"
out_has "not executable: says why" "is not executable"
"$RISKGATE" hook install --repo noexec.git >out 2>&1
exits "not executable: install repairs it" 0 $?
check "not executable: executable again" test -x noexec.git/hooks/pre-receive
status noexec
exits "not executable: status yes after repair" 0 "$rc"

# ---- an existing hook of someone else's -------------------------------------
server foreign
cat >foreign.git/hooks/pre-receive <<EOF
#!/bin/sh
# the team's own hook: records what it saw, refuses refs/heads/frozen
cat >"$W/foreign-saw"
grep -q ' refs/heads/frozen\$' "$W/foreign-saw" && { echo "frozen"; exit 1; }
exit 0
EOF
chmod +x foreign.git/hooks/pre-receive
cp foreign.git/hooks/pre-receive foreign-orig
"$RISKGATE" hook install --repo foreign.git >out 2>&1
exits "foreign hook: refused without --chain/--force" 2 $?
out_has "foreign hook: says how" "--chain keeps it running"
check "foreign hook: left untouched" cmp -s foreign-orig foreign.git/hooks/pre-receive
status foreign
exits "foreign hook: status no" 1 "$rc"
out_has "foreign hook: ran, no riskgate" "riskgate did not answer"
"$RISKGATE" hook install --repo foreign.git --chain --force >out 2>&1
exits "--chain with --force: usage error" 2 $?

"$RISKGATE" hook install --repo foreign.git --chain >out 2>&1
exits "--chain: install" 0 $?
out_has "--chain: says so" "chained: $W/foreign.git/hooks/pre-receive.riskgate-chained runs after riskgate accepts"
check "--chain: the old hook kept byte for byte" cmp -s foreign-orig foreign.git/hooks/pre-receive.riskgate-chained
status foreign
exits "--chain: status yes" 0 "$rc"
rm -f foreign-saw
bad_push foreign
exits "--chain: unsigned push rejected by riskgate" 1 "$rc"
check "--chain: the old hook did not run after a rejection" test ! -e foreign-saw
good_push foreign
exits "--chain: signed push accepted by both" 0 "$rc"
new=$(git -C w-foreign rev-parse HEAD)
check "--chain: the old hook got the same input" grep -q " $new refs/heads/main\$" foreign-saw
git -C w-foreign push origin main:frozen >out 2>&1
exits "--chain: the old hook still rejects what it rejected" 1 $?
out_has "--chain: the old hook's message" "frozen"
"$RISKGATE" hook install --repo foreign.git >out 2>&1
exits "--chain: reinstall keeps the chain" 0 $?
check "--chain: still chained after reinstall" grep -q "riskgate-chained" foreign.git/hooks/pre-receive

server force
printf '#!/bin/sh\nexit 0\n' >force.git/hooks/pre-receive
chmod +x force.git/hooks/pre-receive
printf 'older backup\n' >force.git/hooks/pre-receive.riskgate-backup
"$RISKGATE" hook install --repo force.git --force >out 2>&1
exits "--force: install" 0 $?
out_has "--force: names the backup" "kept as $W/force.git/hooks/pre-receive.riskgate-backup.1"
check "--force: backup holds the old hook" grep -qx 'exit 0' force.git/hooks/pre-receive.riskgate-backup.1
check "--force: an older backup is not overwritten" grep -qx 'older backup' force.git/hooks/pre-receive.riskgate-backup
bad_push force
exits "--force: unsigned push rejected" 1 "$rc"

# A non-executable foreign hook cannot be chained (it would reject every push).
server dead
printf '#!/bin/sh\nexit 0\n' >dead.git/hooks/pre-receive
"$RISKGATE" hook install --repo dead.git --chain >out 2>&1
exits "--chain of a non-executable hook: refused" 2 $?
out_has "--chain of a non-executable hook: says why" "is not executable"

# A dispatcher that runs riskgate but ignores its answer: status must say no.
server disp
printf '#!/bin/sh\n"%s" hook pre-receive\nexit 0\n' "$BIN" >disp.git/hooks/pre-receive
chmod +x disp.git/hooks/pre-receive
status disp
exits "dispatcher ignoring exit codes: status no" 1 "$rc"
out_has "dispatcher ignoring exit codes: says why" "does not reach git"
bad_push disp
exits "dispatcher ignoring exit codes: the push indeed lands" 0 "$rc"

# A hook whose binary is gone (moved after install): status says no.
server gone
cp "$BIN" "$W/rg-copy"
"$W/rg-copy" hook install --repo gone.git >/dev/null 2>&1
rm -f "$W/rg-copy"
status gone
exits "binary moved away: status no" 1 "$rc"

# ---- GitLab (Gitaly) --------------------------------------------------------
server gl
"$RISKGATE" hook install --repo gl.git --layout gitlab >out 2>&1
exits "gitlab layout: install" 0 $?
check "gitlab layout: custom_hooks/pre-receive.d/riskgate" test -x gl.git/custom_hooks/pre-receive.d/riskgate
check "gitlab layout: hooks/pre-receive untouched" test ! -e gl.git/hooks/pre-receive
status gl --layout gitlab
exits "gitlab layout: status yes (the file runs riskgate)" 0 "$rc"
out_has "gitlab layout: status says how it checked" "the installed file, run directly"
# Auto-detection: a repository in Gitaly's hashed storage.
mkdir -p "$W/storage/@hashed/ab/cd"
git init -q --bare "$W/storage/@hashed/ab/cd/abcd.git"
"$RISKGATE" hook install --repo "$W/storage/@hashed/ab/cd/abcd.git" >out 2>&1
exits "gitlab auto-detected: install" 0 $?
out_has "gitlab auto-detected: says why" "says GitLab (Gitaly)"
check "gitlab auto-detected: custom hook written" test -x "$W/storage/@hashed/ab/cd/abcd.git/custom_hooks/pre-receive.d/riskgate"
"$RISKGATE" hook install --repo gl.git --layout svn >out 2>&1
exits "unknown layout: usage error" 2 $?
"$RISKGATE" hook status >out 2>&1
exits "status without --repo: usage error" 2 $?
"$RISKGATE" hook status --repo "$W/nowhere" >out 2>&1
check "status of a missing repository: an error, not yes or no" test $? -ge 2

# ---- options written into the hook -------------------------------------------
# --policy and the signature files go into the hook by absolute path (a
# relative path and a space in it), checked at install: the server's
# .riskgate.json asks only for sign-offs, the installed --policy for signed
# commits, so a signed-off but unsigned push is rejected only if the hook
# really passes it on.
server opt
mkdir -p "gate conf"
printf '{"version": 1, "default_tier": "normal",\n "tiers": [{"name": "normal", "require": {"signed_commits": true}}]}\n' \
	>"gate conf/signed.json"
printf '# nobody signs yet\n' >"gate conf/allowed_signers"
"$RISKGATE" hook install --repo opt.git --policy "gate conf/signed.json" \
	--allowed-signers "gate conf/allowed_signers" --deadline-ms 4000 >out 2>&1
exits "install with options" 0 $?
out_has "install with options: names the policy by absolute path" "--policy $W/gate conf/signed.json"
check "install with options: the hook passes the policy" \
	grep -qF "'--policy' '$W/gate conf/signed.json'" opt.git/hooks/pre-receive
good_push opt
exits "installed --policy: a signed-off, unsigned push is rejected" 1 "$rc"
out_has "installed --policy: the reason is the signature" "signed_commits"
# What would fail on every push fails at install, and leaves the hook as it was.
cp opt.git/hooks/pre-receive before
"$RISKGATE" hook install --repo opt.git --openpgp-keyring "gate conf/missing.asc" >out 2>&1
check "install with a missing keyring: an error exit" test $? -ge 2
out_has "install with a missing keyring: says so" "not installed"
check "install with a missing keyring: hook unchanged" cmp -s before opt.git/hooks/pre-receive
printf 'not a key\n' >"gate conf/junk.asc"
"$RISKGATE" hook install --repo opt.git --openpgp-keyring "gate conf/junk.asc" >out 2>&1
check "install with a keyring that does not parse: an error exit" test $? -ge 2
check "install with a bad keyring: hook unchanged" cmp -s before opt.git/hooks/pre-receive
printf '{"version": 1, "tiers": [' >"gate conf/broken.json"
"$RISKGATE" hook install --repo opt.git --policy "gate conf/broken.json" >out 2>&1
check "install with a broken policy: an error exit" test $? -ge 2
out_has "install with a broken policy: names the file" "broken.json"
check "install with a broken policy: hook unchanged" cmp -s before opt.git/hooks/pre-receive
"$RISKGATE" hook install --repo opt.git --deadline-ms soon >out 2>&1
exits "install with a bad deadline: usage error" 2 $?
"$RISKGATE" hook install --repo opt.git >out 2>&1
exits "reinstall without options" 0 $?
check "reinstall without options: the hook no longer passes --policy" \
	sh -c '! grep -q -- --policy opt.git/hooks/pre-receive'

finish hook_install
