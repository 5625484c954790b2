#!/bin/sh
# The pre-receive hook against commits laundered through another ref, with
# real pushes into a bare repository, with and without
# receive.denyNonFastForwards: a commit accepted for a branch with a relaxed
# policy is judged again for main, a force-pushed, re-created or tagged ref.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/hookrefs"
mkdir -p "$W"
cd "$W" || exit 1
Z40=0000000000000000000000000000000000000000

exits() { if [ "$2" = "$3" ]; then pass; else fail "$1: exit $3, expected $2"; sed 's/^/    /' "$W/out" | head -n 20 >&2; fi; }
out_has() {
	if grep -qF -- "$3" "$2"; then pass; else
		fail "$1: output lacks: $3"
		sed 's/^/    /' "$2" | head -n 20 >&2
	fi
}
srv_is() { # NAME REF SHA: the server's REF is SHA
	if [ "$(git -C "$W/srv.git" rev-parse -q --verify "$2")" = "$3" ]; then pass; else fail "$1: $2 is not $3"; fi
}
push() { git -C "$W/w" push "$@" >"$W/out" 2>&1; rc=$?; }

# The protected policy: every commit on every ref needs a human sign-off.
cat >policy.json <<'EOF'
{"version": 1, "default_tier": "normal",
 "protected_refs": ["^refs/heads/main$"], "refs": ["^refs/"],
 "tiers": [{"name": "normal", "require": {"provenance": {"require_signoff": true}}}]}
EOF

# setup_server [DENY]: a fresh server whose main holds .riskgate.json, with
# the hook reading the repository's own policy.
setup_server() {
	rm -rf "$W/srv.git" "$W/w"
	git init -q --bare "$W/srv.git"
	[ -n "${1:-}" ] && git -C "$W/srv.git" config receive.denyNonFastForwards true
	git init -q "$W/w"
	cp "$W/policy.json" "$W/w/.riskgate.json"
	echo hello >"$W/w/README"
	git -C "$W/w" add -A
	git -C "$W/w" commit -q -s -m initial
	git -C "$W/w" remote add origin ../srv.git
	git -C "$W/w" push -q origin main 2>/dev/null
	"$RISKGATE" hook install --repo "$W/srv.git" >/dev/null 2>&1 || fail "install"
	BASE=$(git -C "$W/w" rev-parse main)
}

cat >weak.json <<'EOF'
{"version": 1, "default_tier": "normal", "tiers": [{"name": "normal"}]}
EOF

# weak_bad: a branch "a-weak", created at main, whose (signed) commit then
# relaxes the policy as a fast-forward is accepted (a new ref cannot bring
# another policy with it); an unsigned commit on top of it is then accepted
# for "a-weak" under its relaxed policy. Prints that commit's id.
weak_bad() {
	git -C "$W/w" push -q origin main:refs/heads/a-weak 2>/dev/null || fail "branch at main refused"
	git -C "$W/w" checkout -q -b a-weak main
	cp "$W/weak.json" "$W/w/.riskgate.json"
	git -C "$W/w" commit -q -s -am "relax the policy on a side branch"
	git -C "$W/w" push -q origin a-weak 2>/dev/null || fail "weak branch refused"
	echo evil >>"$W/w/README"
	git -C "$W/w" commit -q -am "unsigned"
	git -C "$W/w" rev-parse HEAD
	git -C "$W/w" checkout -q main
}

for deny in "" deny; do
	tag="${deny:-allow-nonff}"

	# One push, two refs at one unsigned commit: the relaxed branch first,
	# main second.
	setup_server $deny
	EVIL=$(weak_bad)
	push origin "$EVIL:refs/heads/a-weak" "$EVIL:refs/heads/main"
	check "$tag: multi-ref laundering rejected" test "$rc" -ne 0
	out_has "$tag: main judged" "$W/out" "refs/heads/main (update"
	srv_is "$tag: main unchanged" refs/heads/main "$BASE"

	# Two pushes: the commit lands on the relaxed branch, then main is
	# fast-forwarded to it.
	setup_server $deny
	EVIL=$(weak_bad)
	push origin "$EVIL:refs/heads/a-weak"
	exits "$tag: relaxed branch accepts the unsigned commit" 0 "$rc"
	push origin "$EVIL:refs/heads/main"
	check "$tag: main fast-forwarded to another ref's commit rejected" test "$rc" -ne 0
	srv_is "$tag: main unchanged" refs/heads/main "$BASE"

	# A force push of a branch to a commit another ref holds.
	setup_server $deny
	git -C "$W/w" checkout -q -b release main
	echo r >>"$W/w/README" && git -C "$W/w" commit -q -s -am "release work"
	git -C "$W/w" push -q origin release 2>/dev/null
	git -C "$W/w" checkout -q main
	EVIL=$(weak_bad)
	push origin "$EVIL:refs/heads/a-weak"
	push origin "+$EVIL:refs/heads/release"
	check "$tag: force push to another ref's commit rejected" test "$rc" -ne 0
	if grep -qF "no new commits to evaluate" "$W/out"; then
		fail "$tag: force push waved through"; else pass; fi

	# Delete a branch and re-create it at a commit another ref holds.
	setup_server $deny
	git -C "$W/w" push -q origin main:refs/heads/release 2>/dev/null
	EVIL=$(weak_bad)
	push origin "$EVIL:refs/heads/a-weak"
	push origin :refs/heads/release
	exits "$tag: release deleted (not protected)" 0 "$rc"
	push origin "$EVIL:refs/heads/release"
	check "$tag: re-created branch at another ref's commit rejected" test "$rc" -ne 0
	if grep -qF "no new commits to evaluate" "$W/out"; then
		fail "$tag: re-created branch waved through"; else pass; fi

	# A tag at the laundered commit is judged too.
	push origin "$EVIL:refs/tags/v1"
	check "$tag: tag at another ref's unsigned commit rejected" test "$rc" -ne 0

	# A branch created at a commit whose policy is not HEAD's would be
	# governed by it from then on: refused, whatever the commits.
	setup_server $deny
	git -C "$W/w" checkout -q -b relaxed-new main
	cp "$W/weak.json" "$W/w/.riskgate.json"
	git -C "$W/w" commit -q -s -am "relax the policy, signed"
	git -C "$W/w" checkout -q main
	push origin "relaxed-new:refs/heads/relaxed-new"
	check "$tag: new branch with another policy rejected" test "$rc" -ne 0
	out_has "$tag: says the policy would change hands" "$W/out" "governance: "
	# A force push back to a commit of another policy: the same.
	echo more >>"$W/w/README" && git -C "$W/w" commit -q -s -am "more"
	cp "$W/weak.json" "$W/w/.riskgate.json" && git -C "$W/w" commit -q -s -am "relax on main"
	push origin main
	exits "$tag: a relaxing fast-forward of main is a change like any other" 0 "$rc"
	push origin "+$BASE:refs/heads/main"
	check "$tag: force push back to the stricter policy's commit rejected too" test "$rc" -ne 0
	out_has "$tag: force push: says why" "$W/out" "governance: "
	git -C "$W/w" reset -q --hard "$BASE"


	# Legitimate: a signed commit pushed to two refs at once passes, and a
	# branch created at main's tip needs no evaluation.
	setup_server $deny
	echo ok >>"$W/w/README"
	git -C "$W/w" commit -q -s -am "signed"
	GOOD=$(git -C "$W/w" rev-parse HEAD)
	push origin "$GOOD:refs/heads/main" "$GOOD:refs/heads/topic"
	exits "$tag: signed commit to two refs accepted" 0 "$rc"
	out_has "$tag: the second ref is judged on its own" "$W/out" "refs/heads/topic (create"
	if grep -qF "already evaluated" "$W/out"; then
		fail "$tag: a commit taken as judged for another ref"; else pass; fi
	srv_is "$tag: main moved" refs/heads/main "$GOOD"
	push origin "$GOOD:refs/heads/topic2"
	exits "$tag: branch at main's tip accepted" 0 "$rc"
done

finish hook_refs
