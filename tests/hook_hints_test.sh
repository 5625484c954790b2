#!/bin/sh
# What the hook tells a pusher to do: on a server, options such as
# --approvals or --allowed-signers mean nothing to the person pushing, so
# the fixes must say what that person can do. `check` on the same change
# keeps naming the options, which its caller can pass.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/hints"
mkdir -p "$W"
cd "$W" || exit 1
BIN=${RISKGATE_BIN:-$RISKGATE}

cat >policy.json <<'JSON'
{"version": 1, "default_tier": "normal",
 "tiers": [{"name": "normal", "require": {"approvals": 1, "signed_commits": true}}]}
JSON
git init -q --bare srv.git
git init -q w
cp policy.json w/.riskgate.json
git -C w add -A && git -C w commit -q -m initial
git -C w push -q ../srv.git main 2>/dev/null
base=$(git -C w rev-parse HEAD)
"$BIN" hook install --repo srv.git >install.out 2>&1 || fail "hook install: $(cat install.out)"

echo change >w/f && git -C w add f && git -C w commit -q -m change
git -C w push ../srv.git main >push.out 2>&1
rc=$?
check "the push is rejected (exit $rc)" [ "$rc" != 0 ]
has() { if grep -qF -- "$3" "$2"; then pass; else fail "$1: lacks: $3 ($(grep 'fix:' "$2" | head -3))"; fi; }
lacks() { if grep -qF -- "$3" "$2"; then fail "$1: has: $3"; else pass; fi; }
has "approvals fix on a push" push.out "fix: no push can show a review here"
has "approvals fix on a push: what to do" push.out "open a pull/merge request for this change"
has "signature fix on a push" push.out "ask the server's administrators to install the hook with"
lacks "no option for the pusher" push.out "--approvals FILE"
lacks "no option for the pusher" push.out "--permissions FILE"
lacks "no option for the pusher" push.out "pass --allowed-signers FILE"

"$RISKGATE" check --repo w --base "$base" --head HEAD >check.out 2>&1
rc=$?
check "check fails the same change (exit $rc)" [ "$rc" = 1 ]
has "check names its option" check.out "pass the pull request's reviews with --approvals FILE"
has "check names its option" check.out "pass --allowed-signers FILE"
lacks "check speaks to its caller" check.out "no push can show a review here"

# A reviewer team: the hook has no teams file, and a push no membership.
cat >teams.json <<'JSON'
{"version": 1, "default_tier": "normal",
 "review_trailers": {"trusted_committers": ["committer@example.com"]},
 "tiers": [{"name": "normal", "require": {"reviewers": ["@acme/security"]}}]}
JSON
git init -q --bare srv2.git
git init -q w2
cp teams.json w2/.riskgate.json
git -C w2 add -A && git -C w2 commit -q -m initial
git -C w2 push -q ../srv2.git main 2>/dev/null
base2=$(git -C w2 rev-parse HEAD)
"$BIN" hook install --repo srv2.git >install.out 2>&1 || fail "hook install: $(cat install.out)"
echo change >w2/f && git -C w2 add f &&
	git -C w2 commit -q -m "change" -m "Reviewed-by: Rev Iewer <rev@example.com>"
git -C w2 push ../srv2.git main >push2.out 2>&1
rc=$?
check "the team push is rejected (exit $rc)" [ "$rc" != 0 ]
has "team fix on a push" push2.out "the hook cannot tell who is in a team"
lacks "no --teams for the pusher" push2.out "--teams FILE ("
"$RISKGATE" check --repo w2 --base "$base2" --head HEAD >check2.out 2>&1
has "check names --teams" check2.out "pass the team members with --teams FILE"

finish hook_hints
