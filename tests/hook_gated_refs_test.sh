#!/bin/sh
# Which refs the hook gates (the policy's `refs`; by default the default
# branch and refs/heads/release/*), with real pushes into a bare repository
# with the hook installed. A push to a feature branch passes ungated; what
# it carried is still judged when it reaches a gated ref - through a
# fast-forward, in the same push, or as a new release branch.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/gated"
mkdir -p "$W"
cd "$W" || exit 1
BIN=${RISKGATE_BIN:-$RISKGATE}

exits() { if [ "$2" = "$3" ]; then pass; else fail "$1: exit $3, expected $2: $(head -5 out)"; fi; }
out_has() { if grep -qF -- "$2" out; then pass; else fail "$1: output lacks: $2: $(head -5 out)"; fi; }
out_lacks() { if grep -qF -- "$2" out; then fail "$1: output has: $2"; else pass; fi; }
srv_at() { # NAME REF SHA|"": the server's REF
	got=$(git -C "$W/srv.git" rev-parse -q --verify "$2" 2>/dev/null)
	if [ "$got" = "$3" ]; then pass; else fail "$1: $2 is '$got', expected '$3'"; fi
}
push() { git -C "$W/w" push "$@" >"$W/out" 2>&1; rc=$?; }
unsigned() { echo "$1" >>"$W/w/f" && git -C "$W/w" add f && git -C "$W/w" commit -q -m "$1"; }

# server POLICY-FILE: a bare server seeded with the policy, the hook
# installed, and a clone w.
server() {
	rm -rf "$W/srv.git" "$W/w"
	git init -q --bare "$W/srv.git"
	git init -q "$W/w"
	cp "$1" "$W/w/.riskgate.json"
	git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m initial
	git -C "$W/w" remote add origin ../srv.git
	git -C "$W/w" push -q origin main 2>/dev/null
	"$BIN" hook install --repo "$W/srv.git" >install.out 2>&1 || fail "hook install: $(cat install.out)"
}

cat >default.json <<'JSON'
{"version": 1, "default_tier": "normal",
 "protected_refs": ["^refs/heads/main$"],
 "tiers": [{"name": "normal", "require": {"provenance": {"require_signoff": true}}}]}
JSON

# ---- the default: the default branch and release/* ------------------------------
server default.json
main0=$(git -C w rev-parse main)
git -C w checkout -q -b feature
unsigned "on a feature branch"
bad=$(git -C w rev-parse HEAD)
push origin feature
exits "feature branch: not gated" 0 "$rc"
out_has "feature branch: says why" "not gated: the policy sets no refs, so only the default branch (refs/heads/main) and refs/heads/release/* are"
srv_at "feature branch: landed" refs/heads/feature "$bad"

# What the feature branch took is judged when main takes it.
push origin feature:main
exits "main fast-forwarded to the feature branch: rejected" 1 "$rc"
out_has "main judges the feature branch's commit" "require_signoff"
out_lacks "main does not count it as judged" "already evaluated"
srv_at "main did not move" refs/heads/main "$main0"

# In one push: the ungated ref first, then main at the same commit.
git -C w checkout -q -b feature2 main
unsigned "second"
bad2=$(git -C w rev-parse HEAD)
push origin feature2 feature2:main
exits "one push, feature2 and main: rejected" 1 "$rc"
out_has "one push: main judges the commit" "require_signoff"
out_lacks "one push: not counted as judged by the ungated ref" "already evaluated"
srv_at "one push: main did not move" refs/heads/main "$main0"
srv_at "one push: nothing landed" refs/heads/feature2 ""

# A new release branch at the feature branch's commit is gated.
push origin "$bad:refs/heads/release/1.0"
exits "release/1.0 at an unsigned commit: rejected" 1 "$rc"
srv_at "release/1.0 not created" refs/heads/release/1.0 ""
# A branch that only looks like one is not.
push origin "$bad:refs/heads/releases/1.0"
exits "releases/1.0 (not release/): not gated" 0 "$rc"

# Tags are gated only when listed.
push origin "$bad:refs/tags/v1"
exits "a tag by default: not gated" 0 "$rc"
# Deletion follows protected_refs, gated or not.
push origin :refs/heads/feature
exits "deleting the feature branch" 0 "$rc"
push origin :refs/heads/main
exits "deleting main: protected" 1 "$rc"
out_has "deleting main: why" "protected_refs"

# ---- the default branch is HEAD's, whatever its name ----------------------------
server default.json
git -C w push -q origin main:trunk 2>/dev/null
git -C srv.git symbolic-ref HEAD refs/heads/trunk
git -C w checkout -q -b t main
unsigned "for trunk"
push origin t:trunk
exits "HEAD is trunk: trunk is gated" 1 "$rc"
out_has "trunk: judged" "require_signoff"
push origin t:main
exits "HEAD is trunk: main is not the default branch" 0 "$rc"
out_has "main: says which branch is" "default branch (refs/heads/trunk)"

# ---- the policy's own list --------------------------------------------------------
sed 's/"protected_refs": \["^refs\/heads\/main$"\],/"refs": ["^refs\/heads\/main$", "^refs\/tags\/v"],/' \
	default.json >listed.json
grep -q '"refs"' listed.json || fail "listed.json has no refs"
server listed.json
git -C w checkout -q -b x main
unsigned "listed"
push origin "HEAD:refs/tags/v2"
exits "refs lists ^refs/tags/v: tag v2 gated" 1 "$rc"
out_has "tag v2: judged" "require_signoff"
push origin "HEAD:refs/tags/nightly"
exits "tag nightly: not listed" 0 "$rc"
out_has "tag nightly: says why" "not gated: not the default branch (refs/heads/main), and no pattern of the policy's refs matches it"
push origin "HEAD:refs/heads/release/2"
exits "release/2: not listed, so not gated" 0 "$rc"
push origin HEAD:main
exits "main: listed" 1 "$rc"

# --policy FILE gives the list too.
printf '%s %s refs/heads/main\n' "$(git -C srv.git rev-parse main)" "$(git -C w rev-parse HEAD)" >upd
git -C w push -q origin "HEAD:refs/heads/objects-only" 2>/dev/null
"$RISKGATE" hook pre-receive --repo srv.git --policy default.json <upd >out 2>&1
exits "--policy without refs: main gated" 1 "$?"
sed 's/"version": 1,/"version": 1, "refs": ["^refs\/heads\/prod$"],/' default.json >prod.json
"$RISKGATE" hook pre-receive --repo srv.git --policy prod.json <upd >out 2>&1
exits "--policy with refs [prod]: main, the default branch, is gated all the same" 1 "$?"
printf '%s %s refs/heads/prod\n' "$(git -C srv.git rev-parse main)" "$(git -C w rev-parse HEAD)" >upd
"$RISKGATE" hook pre-receive --repo srv.git --policy prod.json <upd >out 2>&1
exits "--policy with refs [prod]: prod gated" 1 "$?"
printf '%s %s refs/heads/other\n' "$(git -C srv.git rev-parse main)" "$(git -C w rev-parse HEAD)" >upd
"$RISKGATE" hook pre-receive --repo srv.git --policy prod.json <upd >out 2>&1
exits "--policy with refs [prod]: other not gated" 0 "$?"

# ---- refs that leave the default branch out cannot ungate it ------------------------
# New refs take their policy from HEAD and count its commits as judged: an
# ungated default branch would launder both.
sed 's/"protected_refs": \["^refs\/heads\/main$"\],/"refs": ["^refs\/heads\/release\/"],/' \
	default.json >release-only.json
server release-only.json
git -C w checkout -q -b r main
unsigned "to main, then to a release"
push origin HEAD:main
exits "refs [release/] only: main is still gated" 1 "$rc"
push origin HEAD:refs/heads/release/x
exits "refs [release/] only: release/x judged" 1 "$rc"
out_has "release/x: the commit is judged" "require_signoff"

# ---- a symbolic ref moves what it names -----------------------------------------------
server default.json
git -C srv.git symbolic-ref refs/heads/master refs/heads/main
git -C srv.git symbolic-ref refs/heads/alias refs/heads/master
git -C w checkout -q -b s main
unsigned "through a symbolic ref"
main1=$(git -C srv.git rev-parse main)
push origin HEAD:refs/heads/master
exits "master -> main: gated as main" 1 "$rc"
srv_at "master -> main: main did not move" refs/heads/main "$main1"
push origin HEAD:refs/heads/alias
exits "alias -> master -> main: gated as main" 1 "$rc"
srv_at "alias: main did not move" refs/heads/main "$main1"

# Under core.ignorecase the deletion checks ignore case too: a symref to
# refs/heads/MAIN deletes main's file there, and so does deleting Main.
server default.json
git -C srv.git config core.ignorecase true
git -C srv.git update-ref refs/heads/MAIN "$(git -C srv.git rev-parse main)"
git -C srv.git symbolic-ref refs/heads/x refs/heads/MAIN
push origin :refs/heads/x
exits "core.ignorecase: deleting x -> MAIN (main's file): refused" 1 "$rc"
push origin :refs/heads/MAIN
exits "core.ignorecase: deleting MAIN (protected main): refused" 1 "$rc"
out_has "deleting MAIN: protected_refs" "protected_refs"
# A chain too long to follow: refused, and said so.
server default.json
git -C w push -q origin main:refs/heads/feat 2>/dev/null
prev=refs/heads/feat
for i in 7 6 5 4 3 2 1; do
	git -C srv.git symbolic-ref "refs/heads/d$i" "$prev"
	prev=refs/heads/d$i
done
# (git itself sends such a deletion with both ids zero, an input error:
# the update is given to the hook directly.)
printf '%s 0000000000000000000000000000000000000000 refs/heads/d1\n' \
	"$(git -C srv.git rev-parse feat)" >deep.in
"$RISKGATE" hook pre-receive --repo srv.git <deep.in >out 2>&1
exits "deleting a 7-deep symbolic chain: refused" 1 "$?"
out_has "7-deep chain: why" "its chain is longer than 5 refs"

# ---- when the default branch is unknown -----------------------------------------------
# HEAD names a branch that does not exist while others do: refused, not guessed.
server default.json
git -C srv.git symbolic-ref HEAD refs/heads/master
git -C w checkout -q -b u main
unsigned "HEAD unborn"
push origin HEAD:main
exits "HEAD names a missing branch: refused" 1 "$rc"
out_has "HEAD names a missing branch: why" "HEAD names a branch that does not exist, so the default branch"
# ... whatever the policy lists: the default branch is always gated, and
# the one the team uses could be any of the others.
sed 's/"protected_refs": \["^refs\/heads\/main$"\],/"refs": ["^refs\/heads\/release\/"],/' \
	default.json >release-only2.json
server release-only2.json
git -C srv.git symbolic-ref HEAD refs/heads/master
git -C w checkout -q -b u main
unsigned "HEAD unborn, refs listed"
main_u=$(git -C srv.git rev-parse main)
push origin HEAD:main
exits "HEAD missing, refs [release/]: refused" 1 "$rc"
out_has "HEAD missing, refs [release/]: why" "HEAD names a branch that does not exist, so the default branch"
srv_at "HEAD missing: main did not move" refs/heads/main "$main_u"

# HEAD through a symbolic ref (HEAD -> master -> main): main is the default
# branch, and so is master.
server release-only2.json
git -C srv.git symbolic-ref refs/heads/master refs/heads/main
git -C srv.git symbolic-ref HEAD refs/heads/master
git -C w checkout -q -b hs main
unsigned "HEAD through a symref"
main2=$(git -C srv.git rev-parse main)
push origin HEAD:main
exits "HEAD -> master -> main: main gated" 1 "$rc"
out_has "HEAD -> master -> main: judged" "require_signoff"
srv_at "HEAD -> master -> main: main did not move" refs/heads/main "$main2"
push origin HEAD:refs/heads/release/9
exits "HEAD -> master -> main: release/9 judges the commit" 1 "$rc"
out_has "release/9: judged, not already evaluated" "require_signoff"

# Deleting a symbolic ref deletes what it names: refused when that is the
# default branch or protected.
server default.json
git -C srv.git symbolic-ref refs/heads/master refs/heads/main
git -C srv.git symbolic-ref refs/heads/trunk2 refs/heads/master
main3=$(git -C srv.git rev-parse main)
push origin :refs/heads/master
exits "deleting master -> main: refused" 1 "$rc"
out_has "deleting master -> main: why" "deleting this symbolic ref is refused: git would delete refs/heads/main"
srv_at "deleting master -> main: main stays" refs/heads/main "$main3"
push origin :refs/heads/trunk2
exits "deleting trunk2 -> master -> main: refused" 1 "$rc"
srv_at "deleting trunk2: main stays" refs/heads/main "$main3"
git -C w push -q origin main:refs/heads/side 2>/dev/null
git -C srv.git symbolic-ref refs/heads/side-alias refs/heads/side
push origin :refs/heads/side-alias
exits "deleting side-alias -> side (neither protected nor default)" 0 "$rc"
# A detached HEAD.
server default.json
git -C srv.git update-ref --no-deref HEAD "$(git -C srv.git rev-parse main)"
git -C w checkout -q -b d main
unsigned "HEAD detached"
push origin HEAD:main
exits "HEAD detached: refused" 1 "$rc"
out_has "HEAD detached: why" "HEAD is detached"
# HEAD in a loop of symbolic refs: unknown too (and, given to the binary
# directly, under valgrind in the memcheck run: nothing of the chain leaks).
server default.json
git -C srv.git symbolic-ref refs/heads/la refs/heads/lb
git -C srv.git symbolic-ref refs/heads/lb refs/heads/la
git -C srv.git symbolic-ref HEAD refs/heads/la
printf '%s %s refs/heads/feat\n' "$(git -C srv.git rev-parse main)" "$(git -C srv.git rev-parse main)" >loop.in
"$RISKGATE" hook pre-receive --repo srv.git <loop.in >out 2>&1
exits "HEAD in a loop: refused" 3 "$?"
out_has "HEAD in a loop: why" "a loop of symbolic refs"
# The first push into an empty repository: every ref is gated.
rm -rf srv.git w && git init -q --bare srv.git && git -C srv.git symbolic-ref HEAD refs/heads/master
"$BIN" hook install --repo srv.git >install.out 2>&1 || fail "hook install: $(cat install.out)"
git init -q w && echo x >w/f && git -C w add f && git -C w commit -q -m "unsigned first"
push ../srv.git HEAD:refs/heads/main
exits "empty repository: the first push to main is gated" 1 "$rc"
out_has "empty repository: judged (by the built-in policy), not refused" "): FAIL - 1 commit"
# ... also when --policy lists refs that leave main out.
rm -rf srv.git && git init -q --bare srv.git
printf '%s %s refs/heads/main\n' 0000000000000000000000000000000000000000 "$(git -C w rev-parse HEAD)" >upd
git -C w push -q ../srv.git HEAD:refs/heads/main 2>/dev/null # objects (no hook yet)
git -C srv.git update-ref -d refs/heads/main
"$RISKGATE" hook pre-receive --repo srv.git --policy release-only2.json <upd >out 2>&1
exits "empty repository, --policy refs [release/]: main gated" 1 "$?"
out_has "empty repository, --policy: judged" "require_signoff"

# ---- a case-insensitive file system -----------------------------------------------
# With core.ignorecase, refs/heads/MAIN and refs/heads/main are one file:
# gating must not depend on case there (and does elsewhere).
server default.json
git -C w checkout -q -b ci main
unsigned "case"
push origin HEAD:refs/heads/MAIN
exits "case-sensitive server: MAIN is another ref, not gated" 0 "$rc"
server default.json
git -C srv.git config core.ignorecase true
git -C w checkout -q -b ci main
unsigned "case"
push origin HEAD:refs/heads/MAIN
exits "core.ignorecase: MAIN is main, gated" 1 "$rc"
push origin HEAD:refs/heads/Release/9
exits "core.ignorecase: Release/9 is release/9, gated" 1 "$rc"
server listed.json
git -C srv.git config core.ignorecase true
git -C w checkout -q -b ci main
unsigned "case"
push origin HEAD:refs/tags/V3
exits "core.ignorecase: the policy's ^refs/tags/v gates V3" 1 "$rc"
push origin HEAD:refs/tags/nightly
exits "core.ignorecase: nightly still not gated" 0 "$rc"
# A pattern that starts with a verb still compiles when matched caselessly.
sed 's/"\^refs\/tags\/v"/"(*NO_JIT)^refs\/tags\/v"/' listed.json >verb.json
grep -q NO_JIT verb.json || fail "verb.json has no verb"
server verb.json
git -C srv.git config core.ignorecase true
git -C w checkout -q -b ci main
unsigned "verb"
push origin HEAD:refs/tags/V4
exits "core.ignorecase: (*NO_JIT)^refs/tags/v gates V4" 1 "$rc"
out_has "V4: judged, not an error" "require_signoff"

# ---- policy errors ----------------------------------------------------------------
lint() {
	printf '{"version": 1, "default_tier": "normal", "refs": %s, "tiers": [{"name": "normal"}]}\n' "$1" >bad.json
	"$RISKGATE" policy lint bad.json >out 2>&1
	rc=$?
}
lint '[]'
exits "refs: [] is an error" 2 "$rc"
out_has "refs: []: why" '"refs" must list at least one pattern'
lint '["^refs/heads/(main"]'
exits "refs: an invalid pattern" 2 "$rc"
out_has "refs: the invalid pattern named" "refs[0]"
lint '"main"'
exits "refs: not an array" 2 "$rc"

finish hook_gated_refs
