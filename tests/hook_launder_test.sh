#!/bin/sh
# Commits laundered through another ref: a commit that some ref was allowed
# to take under a weaker policy must still be judged for every ref that is
# governed differently - in one push with several refs, across pushes by a
# force push or a new ref, and by deleting and re-creating the default
# branch. Real `git push`es into a bare repository with the hook installed.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/launder"
mkdir -p "$W"
cd "$W" || exit 1

# The server's policy: every commit on every ref needs a human Signed-off-by
# (the default `refs` gates only the default branch and release/*; these
# launderings go through other branches and tags).
cat >strict.json <<'POL'
{
  "version": 1,
  "default_tier": "normal",
  "refs": ["^refs/"],
  "tiers": [
    {"name": "normal", "require": {"provenance": {"require_signoff": true}}}
  ]
}
POL
# What an attacker puts on a branch of their own: no requirement at all.
cat >lenient.json <<'POL'
{
  "version": 1,
  "default_tier": "normal",
  "tiers": [{"name": "normal", "require": {}}]
}
POL

# exits NAME WANT GOT
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

# at NAME REPO REF SHA: the server's REF is SHA ("" for absent).
at() {
	got=$(git -C "$2" rev-parse -q --verify "$3" 2>/dev/null)
	if [ "$got" = "$4" ]; then pass; else fail "$1: $3 is '$got', expected '$4'"; fi
}

# refused_for NAME: the output gives a reason for the refusal: X's missing
# sign-off, or (where X would bring its own policy to a ref) the governance.
refused_for() {
	if grep -qF -e "require_signoff" -e "governance: " "$W/out"; then pass; else
		fail "$1: output names neither require_signoff nor governance"
		sed 's/^/    /' "$W/out" | head -n 20 >&2
	fi
}

push() {
	git -C "$W/w" push "$@" >"$W/out" 2>&1
	rc=$?
}

signed() { printf '%s\n' "$1" >>"$W/w/log.txt" && git -C "$W/w" add -A &&
	git -C "$W/w" commit -q -s -m "$1"; }
unsigned() { printf '%s\n' "$1" >>"$W/w/log.txt" && git -C "$W/w" add -A &&
	git -C "$W/w" commit -q -m "$1"; }

# setup DIR [DENY]: a server whose main holds the strict policy, a branch
# `evil` whose policy an attacker relaxed (a signed commit, which the strict
# policy accepts), and an unsigned commit X on top of it that only `evil`'s
# own policy accepts. main then moves on, so X is not a fast-forward of it.
setup() {
	rm -rf "$W/srv.git" "$W/w"
	git init -q --bare "$W/srv.git"
	git init -q "$W/w"
	cp strict.json "$W/w/.riskgate.json"
	signed "initial"
	git -C "$W/w" remote add origin ../srv.git
	git -C "$W/w" push -q origin main 2>/dev/null
	[ -n "${2:-}" ] && git -C "$W/srv.git" config receive.denyNonFastForwards true
	"$RISKGATE" hook install --repo "$W/srv.git" >/dev/null 2>&1 || fail "$1: install"
	# A new ref cannot bring another policy with it: the branch is made at
	# main, then relaxed by a (signed) fast-forward, a change like any other.
	push origin main:refs/heads/evil
	exits "$1: the branch is created at main" 0 "$rc"
	git -C "$W/w" checkout -q -b evil
	cp lenient.json "$W/w/.riskgate.json"
	signed "relax the policy of my own branch"
	push origin evil
	exits "$1: the branch's policy is relaxed (signed)" 0 "$rc"
	unsigned "risky change nobody signed"
	X=$(git -C "$W/w" rev-parse HEAD)
	git -C "$W/w" checkout -q main
	printf 'main\n' >"$W/w/main.txt"
	git -C "$W/w" add main.txt && git -C "$W/w" commit -q -s -m "main moves on"
	push origin main
	exits "$1: main moves on" 0 "$rc"
	MAIN=$(git -C "$W/w" rev-parse main)
}

# ---- one push, two refs, the same commit ------------------------------------
setup "same push"
push origin "$X:refs/heads/evil" "$X:refs/heads/zz-launder"
exits "same push: evil and a new ref at X" 1 "$rc"
refused_for "same push: the new ref judges X itself"
at "same push: nothing moved" "$W/srv.git" refs/heads/zz-launder ""

# main itself, in the same push as evil: X is not a fast-forward of main, so
# use a merge of main and X that main can take.
git -C "$W/w" checkout -q main
git -C "$W/w" merge -q --no-ff --no-edit "$X" >/dev/null 2>&1 || fail "same push: merge"
git -C "$W/w" commit -q --amend -s --no-edit
M=$(git -C "$W/w" rev-parse HEAD)
push origin "$X:refs/heads/evil" "$M:refs/heads/main"
exits "same push: evil at X, main at a merge of X" 1 "$rc"
out_has "same push: main judges X under its own policy" "require_signoff"
at "same push: main did not move" "$W/srv.git" refs/heads/main "$MAIN"
git -C "$W/w" reset -q --hard "$MAIN"

# The control: two refs governed alike share the work.
signed "shared by two new branches"
S=$(git -C "$W/w" rev-parse HEAD)
push origin "$S:refs/heads/aa" "$S:refs/heads/ab"
exits "same push, same governance: accepted" 0 "$rc"
out_has "same push, same governance: each ref judged on its own" "refs/heads/ab (create"
if grep -qF "already evaluated" "$W/out"; then
	fail "same push: a commit taken as judged for another ref"; else pass; fi
git -C "$W/w" reset -q --hard "$MAIN"

# ---- across pushes ------------------------------------------------------------
for deny in "" deny; do
	tag=${deny:-allow}
	setup "across pushes ($tag)" "$deny"
	push origin "$X:refs/heads/evil"
	exits "across ($tag): evil takes X under its own policy" 0 "$rc"
	at "across ($tag): evil holds X" "$W/srv.git" refs/heads/evil "$X"

	push --force origin "$X:refs/heads/main"
	exits "across ($tag): force push of main to X" 1 "$rc"
	at "across ($tag): main did not move" "$W/srv.git" refs/heads/main "$MAIN"
	[ -z "$deny" ] && refused_for "across ($tag): judged under main's policy"

	push origin "$X:refs/heads/new-branch"
	exits "across ($tag): a new branch at X" 1 "$rc"
	refused_for "across ($tag): the new branch judges X"
	at "across ($tag): no new branch" "$W/srv.git" refs/heads/new-branch ""

	push origin "$X:refs/tags/v1.0"
	exits "across ($tag): a tag at X" 1 "$rc"
	at "across ($tag): no tag" "$W/srv.git" refs/tags/v1.0 ""

	# Deleting a release branch (nothing protects it here) and
	# re-creating it at X: judged under HEAD's policy, like any new ref.
	git -C "$W/srv.git" update-ref refs/heads/release "$MAIN"
	push origin :refs/heads/release
	exits "across ($tag): release deleted" 0 "$rc"
	push origin "$X:refs/heads/release"
	exits "across ($tag): release re-created at X" 1 "$rc"
	refused_for "across ($tag): release judges X"
	at "across ($tag): release not re-created" "$W/srv.git" refs/heads/release ""

	# Deleting the default branch is refused, even where git would let it
	# (receive.denyDeleteCurrent off).
	git -C "$W/srv.git" config receive.denyDeleteCurrent ignore
	push origin :refs/heads/main
	exits "across ($tag): deleting main is refused" 1 "$rc"
	out_has "across ($tag): ... as the default branch" "it is the default branch (HEAD names it)"
	at "across ($tag): main still there" "$W/srv.git" refs/heads/main "$MAIN"
	# Deleted on the server all the same (an administrator): HEAD is
	# unborn, a new ref has no policy to be judged by, and is refused.
	git -C "$W/srv.git" update-ref -d refs/heads/main
	push origin "$X:refs/heads/main"
	exits "across ($tag): main re-created at X" 1 "$rc"
	out_has "across ($tag): says why" "HEAD names a branch that does not exist"
	at "across ($tag): main not re-created" "$W/srv.git" refs/heads/main ""
	push origin "$MAIN:refs/heads/main"
	exits "across ($tag): main re-created even at its old commit" 1 "$rc"
	git -C "$W/srv.git" update-ref refs/heads/main "$MAIN"
	push origin "$MAIN:refs/heads/restored"
	exits "across ($tag): a new branch at main's commit" 0 "$rc"
	out_has "across ($tag): nothing new" "no new commits to evaluate"
done

# ---- the provenance notes ref is not a code branch -------------------------
setup "notes"
git -C "$W/w" notes --ref=ai add -m "tool: none" "$MAIN"
push origin refs/notes/ai
exits "notes: a push of refs/notes/ai is accepted" 0 "$rc"
out_has "notes: and says why" "provenance notes, not code"
at "notes: landed" "$W/srv.git" refs/notes/ai "$(git -C "$W/w" rev-parse refs/notes/ai)"
# Any other ref under refs/notes/ is judged like a branch: X is not signed.
push origin "$X:refs/notes/launder"
exits "notes: another notes ref is judged" 1 "$rc"
refused_for "notes: another notes ref is judged"
# The notes ref must stay readable as notes: pointed at a blob, a tree or a
# tag, every later push that reads the notes would fail until an
# administrator repaired it. Each is refused, and the ref stays where it was.
NOTES=$(git -C "$W/w" rev-parse refs/notes/ai)
blob=$(printf 'junk\n' | git -C "$W/w" hash-object -w --stdin)
tree=$(git -C "$W/w" rev-parse "$MAIN^{tree}")
git -C "$W/w" tag -a -m "notes as a tag" notes-tag "$NOTES"
tag=$(git -C "$W/w" rev-parse notes-tag)
for kind in blob tree tag; do
	eval "obj=\$$kind"
	push origin "+$obj:refs/notes/ai"
	exits "notes: refs/notes/ai at a $kind is refused" 1 "$rc"
	out_has "notes: a $kind, and says why" "must point at a commit of notes"
	out_has "notes: names the $kind" "not a $kind:"
	at "notes: refs/notes/ai not moved to a $kind" "$W/srv.git" refs/notes/ai "$NOTES"
done
# A commit whose tree is missing: git's connectivity check keeps it out of a
# real push, but the hook does not count on that (stdin, as git would call it).
bad=$(printf 'tree %s\nauthor A <a@example.com> 0 +0000\ncommitter A <a@example.com> 0 +0000\n\nx\n' \
	1111111111111111111111111111111111111111 |
	git -C "$W/srv.git" hash-object -t commit -w --stdin)
printf '%s %s refs/notes/ai\n' "$NOTES" "$bad" |
	"$RISKGATE" hook pre-receive --repo "$W/srv.git" >"$W/out" 2>&1
exits "notes: a commit without its tree is refused" 1 "$?"
out_has "notes: says so" "not a commit whose tree cannot be read"
# A real notes commit on top is accepted, and gated pushes still read notes.
git -C "$W/w" notes --ref=ai add -m "tool: none" "$MAIN^"
push origin refs/notes/ai
exits "notes: a new notes commit is accepted" 0 "$rc"
at "notes: the new notes commit landed" "$W/srv.git" refs/notes/ai \
	"$(git -C "$W/w" rev-parse refs/notes/ai)"
git -C "$W/w" checkout -q main
signed "after the notes"
push origin main
exits "notes: a gated push reads the notes" 0 "$rc"

finish hook_launder
