#!/bin/sh
# The pre-receive hook against pushes that make one ref's judgement stand
# for another's, or let a pushed policy decide: real pushes into a bare
# repository with the hook installed.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/integrity"
mkdir -p "$W"
cd "$W" || exit 1

exits() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: exit $3, expected $2"
		sed 's/^/    /' "$W/out" | head -n 20 >&2
	fi
}
out_has() {
	if grep -qF -- "$2" "$W/out"; then pass; else
		fail "$1: output lacks: $2"
		sed 's/^/    /' "$W/out" | head -n 20 >&2
	fi
}
at() { # NAME REF SHA: the server's REF is SHA ("" for absent)
	got=$(git -C "$W/srv.git" rev-parse -q --verify "$2" 2>/dev/null)
	if [ "$got" = "$3" ]; then pass; else fail "$1: $2 is '$got', expected '$3'"; fi
}
push() {
	git -C "$W/w" push "$@" >"$W/out" 2>&1
	rc=$?
}

# Files under secure/ need a human sign-off; nothing else needs anything.
cat >policy.json <<'POL'
{
  "version": 1,
  "default_tier": "low",
  "tiers": [
    {"name": "secure", "paths": ["^secure/"], "require": {"provenance": {"require_signoff": true}}},
    {"name": "low", "paths": []}
  ]
}
POL

setup() {
	rm -rf "$W/srv.git" "$W/w"
	git init -q --bare "$W/srv.git"
	git init -q "$W/w"
	cp policy.json "$W/w/.riskgate.json"
	echo hello >"$W/w/README"
	git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m initial
	git -C "$W/w" remote add origin ../srv.git
	git -C "$W/w" push -q origin main 2>/dev/null
	"$RISKGATE" hook install --repo "$W/srv.git" "$@" >/dev/null 2>&1 || fail "install"
	A=$(git -C "$W/w" rev-parse main)
}

# ---- a commit judged for one ref does not stand for another ------------------
# release/1 at A; release/2 at B = A + secure/S (signed); X = B without
# secure/S, unsigned. For release/1 X changes nothing (A..X has no file);
# for release/2 it deletes a secure file.
setup
git -C "$W/w" push -q origin main:refs/heads/release/1 2>/dev/null
mkdir -p "$W/w/secure" && echo s >"$W/w/secure/S"
git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m "add secure/S"
B=$(git -C "$W/w" rev-parse HEAD)
push origin "$B:refs/heads/release/2"
exits "release/2 takes secure/S (signed)" 0 "$rc"
git -C "$W/w" rm -q secure/S && git -C "$W/w" commit -q -m "remove secure/S, unsigned"
X=$(git -C "$W/w" rev-parse HEAD)
push origin "$X:refs/heads/release/2"
exits "control: X alone for release/2 is refused" 1 "$rc"
push origin "$X:refs/heads/release/1" "$X:refs/heads/release/2"
exits "X for release/1 and release/2 in one push: refused" 1 "$rc"
out_has "release/2 judges X's deletion itself" "require_signoff"
at "release/2 did not move" refs/heads/release/2 "$B"

# Through the default branch, across two pushes: main takes X (nothing
# secure changes there), then release/2 is fast-forwarded to it.
push origin "$X:refs/heads/main"
exits "main takes X (no secure file changes for main)" 0 "$rc"
push origin "$X:refs/heads/release/2"
exits "release/2 fast-forwarded to main's X: refused" 1 "$rc"
out_has "release/2: not waved through as judged" "require_signoff"
at "release/2 still did not move" refs/heads/release/2 "$B"

# ---- a merge that brings back an older version ----------------------------------
# main hardens secure/auth (signed); an unsigned "merge" with an ancestor
# takes the ancestor's tree: the merge itself reverts a secure file.
setup
mkdir -p "$W/w/secure" && echo "check the password" >"$W/w/secure/auth"
git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m "harden"
push origin main
exits "main hardens secure/auth (signed)" 0 "$rc"
M=$(git -C "$W/w" rev-parse main)
E=$(git -C "$W/w" commit-tree "$A^{tree}" -p "$M" -p "$A" -m "Merge (unsigned)")
push origin "$E:refs/heads/main"
exits "an unsigned merge that reverts a secure file is refused" 1 "$rc"
out_has "the merge is held to the tier's sign-off" "require_signoff"
at "main did not move (evil merge)" refs/heads/main "$M"
"$RISKGATE" check --repo "$W/w" --base "$M" --head "$E" >"$W/out" 2>&1
exits "check agrees" 1 "$rc"
# A merge of a branch whose own (signed) commits changed the secure file:
# those commits are judged, the merge commit needs no sign-off of its own.
git -C "$W/w" checkout -q -b topic "$M"
echo "check it twice" >>"$W/w/secure/auth" && git -C "$W/w" commit -q -s -am "topic: harden more"
git -C "$W/w" checkout -q main
echo other >"$W/w/other.txt" && git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m "main moves on"
git -C "$W/w" merge -q --no-ff --no-edit topic >/dev/null 2>&1
push origin main
exits "a merge of signed work needs no sign-off of its own" 0 "$rc"
# Bringing a branch up to date with its target: the merge takes the
# target's versions, which are the base's.
git -C "$W/w" checkout -q -b feat "$M"
echo "feat" >"$W/w/secure/feat" && git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m "feat"
git -C "$W/w" merge -q --no-edit main >/dev/null 2>&1
"$RISKGATE" check --repo "$W/w" --base main --head feat --policy "$W/policy.json" >"$W/out" 2>&1
exits "a branch brought up to date with main (unsigned merge) passes" 0 "$rc"
git -C "$W/w" checkout -q main

# ---- the same with 40 commits more (the read-ahead on a second thread) ----------
# From 32 commits on, the merges' comparisons with their first parent are
# read ahead with the per-commit ones: the answers must not change.
many() { # BRANCH-POINT NAME: 40 signed commits of low files on a new branch
	git -C "$W/w" checkout -q -b "$2" "$1"
	for i in $(seq 1 40); do
		echo "$i" >"$W/w/low-$2.txt"
		git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m "$2 $i"
	done
	git -C "$W/w" checkout -q main
}
setup
mkdir -p "$W/w/secure" && echo "v1" >"$W/w/secure/auth"
git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m "secure v1"
V1=$(git -C "$W/w" rev-parse HEAD)
echo "v2" >"$W/w/secure/auth" && git -C "$W/w" commit -q -s -am "secure v2"
push origin main
exits "main takes secure v1 and v2 (signed)" 0 "$rc"
M=$(git -C "$W/w" rev-parse main)
# An unsigned merge taking v1 back (its other parent's version).
many "$V1" old
N=$(git -C "$W/w" rev-parse old)
E=$(git -C "$W/w" commit-tree "$N^{tree}" -p "$M" -p "$N" -m "Merge (unsigned)")
push origin "$E:refs/heads/main"
exits "41 commits: an unsigned merge taking back an older version is refused" 1 "$rc"
out_has "41 commits: the merge is held to the tier's sign-off" "require_signoff"
at "main did not move (41 commits, older version)" refs/heads/main "$M"
# One deleting the file (the other parent has none).
many "$A" gone
N=$(git -C "$W/w" rev-parse gone)
E=$(git -C "$W/w" commit-tree "$N^{tree}" -p "$M" -p "$N" -m "Merge (unsigned)")
push origin "$E:refs/heads/main"
exits "41 commits: an unsigned merge deleting a secure file is refused" 1 "$rc"
out_has "41 commits: the deleting merge is held to the sign-off" "require_signoff"
for t in 1 2; do
	RISKGATE_THREADS=$t "$RISKGATE" check --repo "$W/w" --base "$M" --head "$E" \
		--policy "$W/policy.json" --format json >"$W/check$t.json" 2>&1
	rc=$?
	exits "check (RISKGATE_THREADS=$t) agrees" 1 "$rc"
done
if cmp -s "$W/check1.json" "$W/check2.json"; then pass; else
	fail "the reports with one thread and with two differ"
fi
# A merge of a branch of 40 commits whose last (signed) commit made v3:
# that version is judged with its commit, the merge needs no sign-off.
many "$M" topic
git -C "$W/w" checkout -q topic
echo "v3" >"$W/w/secure/auth" && git -C "$W/w" commit -q -s -am "topic: secure v3"
git -C "$W/w" checkout -q main
echo other >"$W/w/other.txt" && git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m "main moves on"
git -C "$W/w" merge -q --no-ff --no-edit topic >/dev/null 2>&1
push origin main
exits "42 commits: a merge of signed work needs no sign-off of its own" 0 "$rc"
# The same with a deletion: the branch's last (signed) commit removes the
# file; the merge takes that deletion, which is judged with its commit.
many "$(git -C "$W/w" rev-parse main)" drop
git -C "$W/w" checkout -q drop
git -C "$W/w" rm -q secure/auth && git -C "$W/w" commit -q -s -m "drop: remove secure/auth"
git -C "$W/w" checkout -q main
echo more >>"$W/w/other.txt" && git -C "$W/w" commit -q -s -am "main moves on again"
git -C "$W/w" merge -q --no-ff --no-edit drop >/dev/null 2>&1
check "the merge deletes secure/auth" test ! -e "$W/w/secure/auth"
push origin main
exits "42 commits: a merge taking a signed deletion needs no sign-off of its own" 0 "$rc"

# ---- the deadline is decided by the default branch's policy -------------------
# A branch of the pusher's own (not gated) says "on_deadline": "pass"; with
# the deadline reached while that branch is looked at, before main is
# judged, the push must still be refused.
setup
push origin main:refs/heads/a-mine
git -C "$W/w" checkout -q -b a-mine main
sed 's/"version": 1,/"version": 1, "on_deadline": "pass",/' policy.json >"$W/w/.riskgate.json"
git -C "$W/w" commit -q -s -am "my branch lets deadlines pass"
push origin a-mine
exits "the pusher's own branch takes its policy" 0 "$rc"
echo more >>"$W/w/README" && git -C "$W/w" commit -q -s -am "more on my branch"
git -C "$W/w" checkout -q main
mkdir -p "$W/w/secure" && echo u >"$W/w/secure/U"
git -C "$W/w" add -A && git -C "$W/w" commit -q -m "unsigned secure change"
"$RISKGATE" hook install --repo "$W/srv.git" --deadline-ms 1 >/dev/null 2>&1 || fail "reinstall"
push origin a-mine main
check "a pushed branch's on_deadline does not let main through" test "$rc" -ne 0
out_has "refused at the deadline" "rejecting - the push was not fully evaluated"
at "main did not move" refs/heads/main "$A"

# The refs the default branch's policy gates are judged first, so that a
# push's own branches (whose policies the pusher writes, and may make slow
# to load) cannot run the clock out before main is judged.
"$RISKGATE" hook install --repo "$W/srv.git" >/dev/null 2>&1 || fail "reinstall"
push origin a-mine main
first=$(grep -o 'refs/heads/[a-z-]* (update' "$W/out" | head -n 1)
if [ "$first" = "refs/heads/main (update" ]; then pass; else
	fail "main is judged first: the first ref judged is '$first'"
	sed 's/^/    /' "$W/out" | head -n 20 >&2
fi

# The default branch's own policy may say so: then the deadline passes.
setup
sed 's/"version": 1,/"version": 1, "on_deadline": "pass",/' policy.json >"$W/w/.riskgate.json"
git -C "$W/w" commit -q -s -am "main lets deadlines pass"
push origin main
exits "main's policy changes (signed)" 0 "$rc"
"$RISKGATE" hook install --repo "$W/srv.git" --deadline-ms 1 >/dev/null 2>&1 || fail "reinstall"
echo later >>"$W/w/README" && git -C "$W/w" commit -q -s -am "later"
push origin main
exits "main's own on_deadline: pass" 0 "$rc"
out_has "says so" "the policy sets \"on_deadline\": \"pass\""

# ---- a pushed policy that does not load ---------------------------------------
setup
printf '{"version": 1' >"$W/w/.riskgate.json"
git -C "$W/w" commit -q -s -am "a broken policy"
push origin main
exits "a .riskgate.json that does not load is refused" 1 "$rc"
out_has "says why" "the .riskgate.json or CODEOWNERS this push brings does not load"
at "main did not move" refs/heads/main "$A"
git -C "$W/w" reset -q --hard "$A"
# A CODEOWNERS too large for GitHub (and riskgate) to load: the same.
mkdir -p "$W/w/.github"
awk 'BEGIN { for (i = 0; i < 80000; i++) printf "/dir%06d/ @acme/team-with-a-long-name\n", i }' \
	>"$W/w/.github/CODEOWNERS"
git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m "a CODEOWNERS of 3 MiB"
push origin main
exits "a CODEOWNERS that does not load is refused" 1 "$rc"
out_has "says why (CODEOWNERS)" "does not load"
at "main did not move (CODEOWNERS)" refs/heads/main "$A"
git -C "$W/w" reset -q --hard "$A"
echo fine >>"$W/w/README" && git -C "$W/w" commit -q -s -am "later change"
push origin main
exits "the repository still takes pushes" 0 "$rc"

# ---- a gated alias moves with the ungated branch it points at -----------------
setup
git -C "$W/srv.git" update-ref refs/heads/feature "$A"
git -C "$W/srv.git" symbolic-ref refs/heads/release/live refs/heads/feature
mkdir -p "$W/w/secure" && echo u >"$W/w/secure/U"
git -C "$W/w" add -A && git -C "$W/w" commit -q -m "unsigned secure change"
push origin main:refs/heads/feature
exits "a push to the target of a gated symbolic ref is gated" 1 "$rc"
out_has "judged" "require_signoff"
at "release/live did not move" refs/heads/release/live "$A"
git -C "$W/srv.git" symbolic-ref -d refs/heads/release/live
push origin main:refs/heads/feature
exits "control: without the alias the branch is not gated" 0 "$rc"

# ---- a symbolic ref moves its target, whose conditions apply -----------------
cat >cond.json <<'POL'
{
  "version": 1,
  "default_tier": "low",
  "tiers": [
    {"name": "low", "paths": [],
     "require_when": [{"when": {"target_branch": "^main$"},
                       "require": {"provenance": {"require_signoff": true}}}]}
  ]
}
POL
rm -rf "$W/srv.git" "$W/w"
git init -q --bare "$W/srv.git"
git init -q "$W/w"
cp cond.json "$W/w/.riskgate.json"
echo hello >"$W/w/README"
git -C "$W/w" add -A && git -C "$W/w" commit -q -s -m initial
git -C "$W/w" remote add origin ../srv.git
git -C "$W/w" push -q origin main 2>/dev/null
"$RISKGATE" hook install --repo "$W/srv.git" >/dev/null 2>&1 || fail "install"
A=$(git -C "$W/w" rev-parse main)
git -C "$W/srv.git" symbolic-ref refs/heads/master refs/heads/main
echo x >>"$W/w/README" && git -C "$W/w" commit -q -am "unsigned"
push origin main
exits "control: unsigned to main refused by main's condition" 1 "$rc"
push origin main:refs/heads/master
exits "unsigned through the symbolic ref master -> main: refused too" 1 "$rc"
out_has "master: judged as main" "require_signoff"
at "main did not move" refs/heads/main "$A"

finish hook_integrity
