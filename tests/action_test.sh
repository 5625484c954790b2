#!/bin/sh
# The GitHub Action's logic (tools/action.sh), run the way a runner runs it:
# an "origin" bare repository with a main branch and pull-request branches, a
# workspace that is a SHALLOW clone of the branch (as actions/checkout makes
# it), an event payload shaped like GitHub's in $GITHUB_EVENT_PATH, and
# $GITHUB_OUTPUT / $GITHUB_STEP_SUMMARY files. No network: no token is set, so
# reviews come only from an approvals file (without one, reviewer requirements
# are unverified and fail).
. "$(dirname "$0")/lib.sh"
ACTION=$(cd "$(dirname "$0")/.." && pwd)/tools/action.sh
unset GH_TOKEN GITHUB_TOKEN GITHUB_SHA GITHUB_REPOSITORY INPUT_POLICY INPUT_BASE INPUT_TRUSTED_POLICY \
	INPUT_HEAD INPUT_APPROVALS INPUT_TEAMS INPUT_SARIF INPUT_FAIL_ON INPUT_PERMISSIONS

if ! "$RISKGATE" check --help 2>/dev/null | grep -q -- '--markdown' ||
	! "$RISKGATE" check --help 2>/dev/null | grep -q -- '--sarif'; then
	# The action runs `check --format github --markdown FILE [--sarif FILE]`.
	echo "SKIP: $RISKGATE has no check --markdown/--sarif yet; action not exercised"
	finish action
	exit
fi

# --- origin: main, and branches a pull request would come from ---------------
src=$T_ROOT/src
git init -q "$src"
cd "$src" || exit 1
mk() { mkdir -p "$(dirname "$1")" && printf '%s\n' "$2" >"$1"; }
ci() { git add -A && git commit -q -m "$1"; }
cat >.riskgate.json <<'EOF'
{
  "version": 1,
  "name": "action-test",
  "default_tier": "low",
  "rules": [
    {"id": "todo", "message": "a TODO was added", "severity": "warning",
     "files": ["\\.md$"], "trigger": "\\bTODO\\b"}
  ],
  "tiers": [
    {"name": "critical", "paths": ["(^|/)auth/"], "require": {"approvals": 1}},
    {"name": "payments", "paths": ["(^|/)payments/"],
     "require": {"reviewers": ["@acme/security"]}},
    {"name": "low", "paths": [], "require": {"rules": ["todo"]}}
  ]
}
EOF
mk src/auth/login.c 'int login(void) { return 0; }'
mk README.md '# demo'
# The policy the workflow names with `policy: .github/riskgate.json`: every
# change needs an approval.
mk .github/riskgate.json '{"version": 1, "default_tier": "all",
 "tiers": [{"name": "all", "require": {"approvals": 1}}]}'
ci "initial"
for i in 1 2 3 4 5; do
	mk "docs/history-$i.md" "history $i"
	ci "main history $i"
done
fork=$(git rev-parse HEAD)

# feature: 12 commits of documentation (low tier: passes).
git checkout -q -b feature
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	mk "docs/feature-$i.md" "feature $i"
	ci "feature $i"
done
feature=$(git rev-parse HEAD)

# risky: a change to authentication code (critical: needs one approval).
git checkout -q -b risky "$fork"
mk src/auth/login.c 'int login(void) { return 1; }'
ci "change login"
risky=$(git rev-parse HEAD)

# pay: a payments change (needs a reviewer from the @acme/security team).
git checkout -q -b pay "$fork"
mk src/payments/pay.c 'int pay(void) { return 0; }'
ci "pay"
pay=$(git rev-parse HEAD)

# warn: a TODO in documentation (a warning only).
git checkout -q -b warn "$fork"
mk docs/plan.md 'TODO: write the plan'
ci "plan"
warn=$(git rev-parse HEAD)

# relax: a pull request that relaxes the policy the workflow names, and
# makes a change that policy would stop.
git checkout -q -b relax "$fork"
mk .github/riskgate.json '{"version": 1, "default_tier": "all",
 "tiers": [{"name": "all", "require": {}}]}'
mk docs/relaxed.md 'no approval needed now'
ci "relax the gate"
relax=$(git rev-parse HEAD)

# main moves on after the branches forked.
git checkout -q main
mk docs/main-only.md 'on main only'
ci "main moves on"
main=$(git rev-parse HEAD)

# refs/pull/1/merge: the synthetic merge commit GitHub checks out (GITHUB_SHA).
git checkout -q --detach "$main"
git merge -q --no-ff -m "Merge $feature into $main" "$feature"
merge=$(git rev-parse HEAD)
git update-ref refs/pull/1/merge "$merge"
git update-ref refs/pull/1/head "$feature"
git checkout -q main

origin=$T_ROOT/origin.git
git clone -q --mirror "$src" "$origin"
# A server that itself only has the tips: the base cannot be reached from it.
cut=$T_ROOT/cut.git
git clone -q --bare --depth 1 --no-single-branch "file://$origin" "$cut"
cd "$T_ROOT" || exit 1

# --- the runner ------------------------------------------------------------
# workspace NAME BRANCH [ORIGIN]: a depth-1 clone, as actions/checkout makes it.
workspace() {
	ws=$T_ROOT/ws-$1
	git -c advice.detachedHead=false clone -q --depth 1 --branch "$2" "file://${3:-$origin}" "$ws"
}

pr_event() { # FILE NUMBER HEAD_SHA HEAD_REF AUTHOR
	jq -n --argjson n "$2" --arg head "$3" --arg head_ref "$4" --arg user "$5" \
		--arg base "$main" '{
		action: "synchronize", number: $n,
		pull_request: {
			url: "https://api.github.com/repos/acme/app/pulls/\($n)",
			id: (1000 + $n), number: $n, state: "open", title: "A change",
			user: {login: $user, id: 7, type: "User"},
			head: {label: "acme:\($head_ref)", ref: $head_ref, sha: $head,
			       repo: {full_name: "acme/app", fork: false}},
			base: {label: "acme:main", ref: "main", sha: $base,
			       repo: {full_name: "acme/app", default_branch: "main"}},
			merge_commit_sha: null, draft: false
		},
		repository: {id: 42, name: "app", full_name: "acme/app", private: false,
		              owner: {login: "acme", type: "Organization"},
		              default_branch: "main"},
		sender: {login: $user, id: 7, type: "User"}
	}' >"$1"
}

push_event() { # FILE REF BEFORE AFTER
	jq -n --arg ref "$2" --arg before "$3" --arg after "$4" '{
		ref: $ref, before: $before, after: $after,
		created: ($before | test("^0+$")), deleted: ($after | test("^0+$")),
		forced: false, base_ref: null,
		compare: "https://github.com/acme/app/compare/\($before[0:12])...\($after[0:12])",
		commits: [], head_commit: null,
		repository: {id: 42, name: "app", full_name: "acme/app",
		             owner: {name: "acme", login: "acme"},
		             default_branch: "main", master_branch: "main"},
		pusher: {name: "alice", email: "alice@example.com"},
		sender: {login: "alice", id: 7, type: "User"}
	}' >"$1"
}

# run NAME EVENT_NAME [VAR=VALUE...]: tools/action.sh in workspace $ws with the
# payload $T_ROOT/NAME.json; sets $rc, $out (log), $gh_out, $summary.
run() {
	name=$1
	event=$2
	shift 2
	out=$T_ROOT/$name.log
	gh_out=$T_ROOT/$name.output
	summary=$T_ROOT/$name.summary
	mkdir -p "$T_ROOT/tmp-$name"
	: >"$gh_out"
	: >"$summary"
	env GITHUB_ACTIONS=true GITHUB_WORKSPACE="$ws" GITHUB_EVENT_NAME="$event" \
		GITHUB_EVENT_PATH="$T_ROOT/$name.json" GITHUB_OUTPUT="$gh_out" \
		GITHUB_STEP_SUMMARY="$summary" RUNNER_TEMP="$T_ROOT/tmp-$name" \
		GITHUB_SHA="${sha:-}" RISKGATE_BIN="$RISKGATE" RISKGATE_DEEPEN=2 "$@" \
		sh "$ACTION" >"$out" 2>&1
	rc=$?
	if [ -n "${VERBOSE:-}" ]; then sed "s/^/    $name: /" "$out" >&2; fi
}
output() { sed -n "s/^$1=//p" "$gh_out" | tail -n 1; }
report() { jq -r "$1" "$(output report)"; }
expect() { # NAME WANT GOT
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: expected '$2', got '$3'"
		sed 's/^/    /' "$out" | tail -n 15 >&2
	fi
}

# --- pull_request: a passing change, from a shallow checkout of the merge ----
workspace pr-pass feature
git -C "$ws" fetch -q --depth 1 origin +refs/pull/1/merge:refs/remotes/pull/1/merge
git -C "$ws" -c advice.detachedHead=false checkout -q --detach "$merge"
check "pr-pass: the workspace starts shallow" \
	test "$(git -C "$ws" rev-parse --is-shallow-repository)" = true
pr_event "$T_ROOT/pr-pass.json" 1 "$feature" feature alice
sha=$merge run pr-pass pull_request
expect "pr-pass: exit" 0 "$rc"
expect "pr-pass: verdict output" pass "$(output verdict)"
check "pr-pass: report path exists" test -s "$(output report)"
expect "pr-pass: report parses" pass "$(report .verdict)"
expect "pr-pass: head is pull_request.head.sha, not the merge commit" "$feature" \
	"$(report .range.head)"
expect "pr-pass: base is the base branch's tip" "$main" "$(report .range.base)"
expect "pr-pass: merge base found by deepening" "$fork" "$(report .range.merge_base)"
expect "pr-pass: the pull request's commits" 12 "$(report .summary.commits)"
expect "pr-pass: main's own change is not in the diff" 0 \
	"$(report '[.files[] | select(.path == "docs/main-only.md")] | length')"
check "pr-pass: the shallow clone was deepened" grep -q 'fetching 2 more commits' "$out"
check "pr-pass: merge base now in the clone" git -C "$ws" merge-base --is-ancestor "$fork" "$feature"
check "pr-pass: step summary written" test -s "$summary"
check "pr-pass: step summary holds riskgate's markdown, not only the action's notes" \
	test "$(grep -m 1 . "$summary")" != "### riskgate action"
check "pr-pass: no token and no approvals noted as unverified" grep -q unverified "$summary"

# --- pull_request: a failing change (no approvals: unverified) ---------------
workspace pr-fail risky
pr_event "$T_ROOT/pr-fail.json" 2 "$risky" risky alice
run pr-fail pull_request
expect "pr-fail: exit" 1 "$rc"
expect "pr-fail: verdict output" fail "$(output verdict)"
expect "pr-fail: approvals unverified" unverified \
	"$(report '[.requirements[] | select(.check == "approvals")][0].status')"
check "pr-fail: annotations on stdout" grep -q '^::error' "$out"

# --- write-note: the verdict as a signed note, pushed to the origin ------------
if command -v ssh-keygen >/dev/null 2>&1; then
	ssh-keygen -q -t ed25519 -N "" -C gate -f "$T_ROOT/gate.key"
	printf 'riskgate namespaces="riskgate-verdict" %s\n' "$(cat "$T_ROOT/gate.key.pub")" \
		>"$T_ROOT/gate.signers"
	workspace wn-pass feature
	cp "$T_ROOT/pr-pass.json" "$T_ROOT/wn-pass.json"
	run wn-pass pull_request INPUT_WRITE_NOTE=true INPUT_VERDICT_KEY="$(cat "$T_ROOT/gate.key")"
	expect "wn-pass: exit" 0 "$rc"
	"$RISKGATE" verify --repo "$origin" --allowed-signers "$T_ROOT/gate.signers" "$feature" \
		>"$T_ROOT/wn.out" 2>&1
	expect "wn-pass: the origin holds a signed pass verdict of the head" 0 "$?"
	check "wn-pass: the key is not left behind" \
		sh -c '! find "$1" -name verdict.key | grep -q .' sh "$T_ROOT/tmp-wn-pass"
	check "wn-pass: summary says so" grep -q "recorded as a note on $feature" "$summary"
	# A second run, on another head, from a workspace that has not seen the
	# first note: both notes end up on the origin.
	workspace wn-fail risky
	cp "$T_ROOT/pr-fail.json" "$T_ROOT/wn-fail.json"
	run wn-fail pull_request INPUT_WRITE_NOTE=true
	expect "wn-fail: exit" 1 "$rc"
	"$RISKGATE" verify --repo "$origin" "$risky" >"$T_ROOT/wn.out" 2>&1
	expect "wn-fail: a fail verdict" 1 "$?"
	check "wn-fail: recorded as fail" grep -q ": fail, evaluated" "$T_ROOT/wn.out"
	"$RISKGATE" verify --repo "$origin" --allowed-signers "$T_ROOT/gate.signers" "$feature" \
		>"$T_ROOT/wn.out" 2>&1
	expect "wn-fail: the first note is still there" 0 "$?"
	# The notes stay off the main history: only refs/notes/riskgate moved.
	expect "wn: main unchanged" "$main" "$(git -C "$origin" rev-parse main)"
else
	fail "ssh-keygen is needed for the write-note cases (openssh-client)"
fi
workspace wn-bad feature
cp "$T_ROOT/pr-pass.json" "$T_ROOT/wn-bad.json"
run wn-bad pull_request INPUT_WRITE_NOTE=yes
expect "wn-bad: exit" 3 "$rc"
expect "wn-bad: verdict" error "$(output verdict)"
run wn-bad pull_request INPUT_VERDICT_KEY=x
expect "wn-bad: a key without write-note" 3 "$rc"

# --- policy input: read from the base, never from the pull request ---------
workspace pr-relax relax
pr_event "$T_ROOT/pr-relax.json" 5 "$relax" relax mallory
run pr-relax pull_request INPUT_POLICY=.github/riskgate.json
expect "pr-relax: judged by the base's policy, not the relaxed one" 1 "$rc"
expect "pr-relax: verdict" fail "$(output verdict)"
check "pr-relax: the policy came from the base" \
	sh -c "jq -r .policy.source '$(output report)' | grep -q '^base:.github/riskgate.json'"
expect "pr-relax: the named policy file is guarded" guarded \
	"$(report '.files[] | select(.path == ".github/riskgate.json") | .rule | split(":")[0]')"
# A path the base does not have is an error, not the built-in policy.
cp "$T_ROOT/pr-relax.json" "$T_ROOT/pr-relax-missing.json"
cp "$T_ROOT/pr-relax.json" "$T_ROOT/pr-relax-trusted.json"
cp "$T_ROOT/pr-relax.json" "$T_ROOT/pr-relax-both.json"
run pr-relax-missing pull_request INPUT_POLICY=.github/none.json
expect "pr-relax: a policy path missing on the base is an error" 2 "$rc"
check "pr-relax: says so" grep -q 'does not exist in the base revision' "$out"
# trusted-policy: a file outside the checkout, used as it is.
printf '%s\n' '{"version": 1, "default_tier": "all", "tiers": [{"name": "all", "require": {}}]}' \
	>"$T_ROOT/trusted.json"
run pr-relax-trusted pull_request INPUT_TRUSTED_POLICY="$T_ROOT/trusted.json"
expect "pr-relax: a trusted policy file is used as given" 0 "$rc"
expect "pr-relax: the trusted file is named" "$T_ROOT/trusted.json" "$(report .policy.source)"
run pr-relax-both pull_request INPUT_POLICY=.github/riskgate.json \
	INPUT_TRUSTED_POLICY="$T_ROOT/trusted.json"
expect "pr-relax: policy and trusted-policy together are a usage error" 2 "$rc"

# --- approvals input: a reviewer's approval passes; the author's does not ----
approvals() { # FILE LOGIN
	jq -n --arg login "$2" --arg sha "$risky" '[{id: 1, user: {login: $login, type: "User"},
		state: "APPROVED", commit_id: $sha, submitted_at: "2026-01-02T00:00:00Z",
		author_association: "MEMBER"}]' >"$1"
}
approvals "$T_ROOT/bob.json" bob
approvals "$T_ROOT/alice.json" alice
printf '{"bob": "write", "alice": "admin"}\n' >"$T_ROOT/perms.json"
workspace pr-approved risky
cp "$T_ROOT/pr-fail.json" "$T_ROOT/pr-approved.json"
run pr-approved pull_request INPUT_APPROVALS="$T_ROOT/bob.json" INPUT_PERMISSIONS="$T_ROOT/perms.json"
expect "pr-approved: exit" 0 "$rc"
expect "pr-approved: verdict" pass "$(output verdict)"
cp "$T_ROOT/pr-fail.json" "$T_ROOT/pr-self.json"
run pr-self pull_request INPUT_APPROVALS="$T_ROOT/alice.json" INPUT_PERMISSIONS="$T_ROOT/perms.json"
expect "pr-self: the author's own approval does not count (exit)" 1 "$rc"
# The pusher of a "synchronize" (the sender) may not approve what they pushed.
jq '.sender.login = "bob"' "$T_ROOT/pr-fail.json" >"$T_ROOT/pr-pushed-by-bob.json"
run pr-pushed-by-bob pull_request INPUT_APPROVALS="$T_ROOT/bob.json" INPUT_PERMISSIONS="$T_ROOT/perms.json"
expect "pr-pushed-by-bob: the pusher's own approval does not count (exit)" 1 "$rc"
expect "pr-pushed-by-bob: bob listed as the pusher" true \
	"$(report '[.ignored_approvals[] | select(.login == "bob") | .reason | test("push")] | any')"
# A review event's sender is the reviewer, not a pusher.
jq '.action = "submitted" | .sender.login = "bob" | .review = {id: 9, state: "approved", user: {login: "bob"}}' \
	"$T_ROOT/pr-fail.json" >"$T_ROOT/pr-review-by-bob.json"
run pr-review-by-bob pull_request_review INPUT_APPROVALS="$T_ROOT/bob.json" INPUT_PERMISSIONS="$T_ROOT/perms.json"
expect "pr-review-by-bob: a reviewer sending the review event still approves (exit)" 0 "$rc"
# A MEMBER's approval without a permission for them: unverified, not counted.
cp "$T_ROOT/pr-fail.json" "$T_ROOT/pr-unverified.json"
run pr-unverified pull_request INPUT_APPROVALS="$T_ROOT/bob.json"
expect "pr-unverified: author_association MEMBER is no write access (exit)" 1 "$rc"
expect "pr-unverified: approvals unverified" unverified \
	"$(report '[.requirements[] | select(.check == "approvals")][0].status')"
expect "pr-unverified: bob listed as unverified" true "$(report '.ignored_approvals[0].unverified')"
check "pr-unverified: the summary says why" grep -q 'no permissions file' "$summary"

# --- github-token: reviews and team members through `gh api` (a fake gh) -----
fakebin=$T_ROOT/fakebin
mkdir -p "$fakebin"
cat >"$fakebin/gh" <<'GH'
#!/bin/sh
# A stand-in for the GitHub CLI: `gh api --paginate PATH [--jq FILTER]`.
printf '%s\n' "$*" >>"$FAKE_GH_LOG"
[ "$1" = api ] || { echo "fake gh: unexpected $*" >&2; exit 2; }
shift
if [ "$1" = --paginate ]; then shift; fi
case "$1" in
repos/acme/app/pulls/4/reviews) cat "$FAKE_GH_REVIEWS" ;;
repos/acme/app/actions/runs/777)
	[ "$2" = --jq ] || { echo "fake gh: no --jq" >&2; exit 2; }
	jq -n '{id: 777, workflow_id: 55, event: "schedule"}' | jq -r "$3" ;;
"repos/acme/app/actions/workflows/55/runs?branch=main&status=completed&per_page=30")
	# The newest first: this run (not completed), a fork's pull request
	# from its own branch "main" that passed, a run of this repository that
	# failed, a cancelled one, then the last that passed on main itself.
	jq -n --arg last "$FAKE_GH_LAST" --arg fork "${FAKE_GH_FORK:-$FAKE_GH_LAST}" '{total_count: 5, workflow_runs: [
		{id: 777, event: "schedule", status: "in_progress", conclusion: null, head_branch: "main",
		 head_sha: "0000000000000000000000000000000000000000", head_repository: {full_name: "acme/app"}},
		{id: 770, event: "pull_request", status: "completed", conclusion: "success", head_branch: "main",
		 head_sha: $fork, head_repository: {full_name: "mallory/app"}},
		{id: 765, event: "schedule", status: "completed", conclusion: "failure", head_branch: "main",
		 head_sha: $fork, head_repository: {full_name: "acme/app"}},
		{id: 760, event: "schedule", status: "completed", conclusion: "cancelled", head_branch: "main",
		 head_sha: "1111111111111111111111111111111111111111", head_repository: {full_name: "acme/app"}},
		{id: 700, event: "push", status: "completed", conclusion: "success", head_branch: "main",
		 head_sha: $last, head_repository: {full_name: "acme/app"}}]}' ;;
repos/acme/app/pulls/4)
	[ "$2" = --jq ] || { echo "fake gh: no --jq" >&2; exit 2; }
	jq -n --arg body "${FAKE_GH_BODY:-}" '{number: 4, state: "open",
		user: {login: "alice", type: "User"},
		body: (if $body == "" then null else $body end)}' | jq -r "$3" ;;
repos/acme/app/pulls/4/commits)
	# GitHub's logins of the commits' author and committer, through --jq.
	[ "$2" = --jq ] || { echo "fake gh: no --jq" >&2; exit 2; }
	jq -n --arg a "${FAKE_GH_COMMIT_AUTHOR:-dev}" '[{sha: "0", author: {login: $a},
		committer: {login: "web-flow"}}, {sha: "1", author: null, committer: null}]' |
		jq -r "$3" ;;
repos/acme/app/collaborators/*/permission)
	# The API's answer, through the --jq filter the action passes.
	login=${1#repos/acme/app/collaborators/}
	login=${login%/permission}
	role=$(eval "printf '%s' \"\${FAKE_GH_ROLE_$login:-}\"")
	[ -n "$role" ] || { echo "HTTP 404: Not Found" >&2; exit 1; }
	[ "$2" = --jq ] || { echo "fake gh: no --jq" >&2; exit 2; }
	legacy=$role
	case "$role" in maintain) legacy=write ;; triage) legacy=read ;; esac
	jq -n --arg r "$role" --arg p "$legacy" --arg l "$login" \
		'{permission: $p, role_name: $r, user: {login: $l, type: "User"}}' | jq -r "$3" ;;
orgs/acme/teams/security/members)
	if [ -n "${FAKE_GH_NO_TEAMS:-}" ]; then
		echo "HTTP 403: Resource not accessible by integration" >&2
		exit 1
	fi
	printf 'sam\nsue\n' ;;
*) echo "HTTP 404: Not Found" >&2; exit 1 ;;
esac
GH
chmod +x "$fakebin/gh"
jq -n --arg sha "$pay" '[{id: 1, user: {login: "sue", type: "User"}, state: "APPROVED",
	commit_id: $sha, submitted_at: "2026-01-02T00:00:00Z", author_association: "MEMBER"}]' \
	>"$T_ROOT/sue.json"
workspace pr-token pay
pr_event "$T_ROOT/pr-token.json" 4 "$pay" pay alice
run pr-token pull_request GH_TOKEN=fake PATH="$fakebin:$PATH" \
	FAKE_GH_LOG="$T_ROOT/gh.log" FAKE_GH_REVIEWS="$T_ROOT/sue.json" FAKE_GH_ROLE_sue=maintain
expect "pr-token: exit" 0 "$rc"
check "pr-token: sue's permission asked" \
	grep -q '^api repos/acme/app/collaborators/sue/permission --jq' "$T_ROOT/gh.log"
expect "pr-token: reviewers pass" pass \
	"$(report '[.requirements[] | select(.check == "reviewers")][0].status')"
check "pr-token: reviews fetched" \
	grep -q '^api --paginate repos/acme/app/pulls/4/reviews$' "$T_ROOT/gh.log"
check "pr-token: team members fetched" \
	grep -q '^api --paginate orgs/acme/teams/security/members --jq' "$T_ROOT/gh.log"
cp "$T_ROOT/pr-token.json" "$T_ROOT/pr-token-read.json"
run pr-token-read pull_request GH_TOKEN=fake PATH="$fakebin:$PATH" \
	FAKE_GH_LOG="$T_ROOT/gh.log" FAKE_GH_REVIEWS="$T_ROOT/sue.json" FAKE_GH_ROLE_sue=triage
expect "pr-token-read: a triager's approval does not count (exit)" 1 "$rc"
expect "pr-token-read: says why" 'no write access (permission "triage")' \
	"$(report '.ignored_approvals[0].reason')"
cp "$T_ROOT/pr-token.json" "$T_ROOT/pr-token-noperm.json"
run pr-token-noperm pull_request GH_TOKEN=fake PATH="$fakebin:$PATH" \
	FAKE_GH_LOG="$T_ROOT/gh.log" FAKE_GH_REVIEWS="$T_ROOT/sue.json"
expect "pr-token-noperm: a permission that cannot be read fails (exit)" 1 "$rc"
check "pr-token-noperm: warns" grep -q '^::warning.*permission of sue' "$out"
check "pr-token: the pull request's commits asked" \
	grep -q '^api --paginate repos/acme/app/pulls/4/commits --jq' "$T_ROOT/gh.log"
cp "$T_ROOT/pr-token.json" "$T_ROOT/pr-token-contributor.json"
run pr-token-contributor pull_request GH_TOKEN=fake PATH="$fakebin:$PATH" \
	FAKE_GH_LOG="$T_ROOT/gh.log" FAKE_GH_REVIEWS="$T_ROOT/sue.json" FAKE_GH_ROLE_sue=write \
	FAKE_GH_COMMIT_AUTHOR=sue
expect "pr-token-contributor: a commit author's approval does not count (exit)" 1 "$rc"
expect "pr-token-contributor: says why" \
	'authored or committed a commit of the change (--contributors)' \
	"$(report '.ignored_approvals[0].reason')"
cp "$T_ROOT/pr-token.json" "$T_ROOT/pr-token-noteam.json"
run pr-token-noteam pull_request GH_TOKEN=fake PATH="$fakebin:$PATH" \
	FAKE_GH_LOG="$T_ROOT/gh.log" FAKE_GH_REVIEWS="$T_ROOT/sue.json" FAKE_GH_NO_TEAMS=1 \
	FAKE_GH_ROLE_sue=write
expect "pr-token-noteam: a team that cannot be read fails" 1 "$rc"
check "pr-token-noteam: says so" grep -q '^::warning.*acme/security' "$out"
# merge_group: the queue's merge of pay onto main, on the branch the queue
# makes for pull request 4. Its reviews are read through that number, and
# sue's approval of pay's head counts for the same diff.
git -C "$src" checkout -q --detach "$main"
git -C "$src" merge -q --no-ff -m "Merge pull request #4 from acme/pay" "$pay"
queued=$(git -C "$src" rev-parse HEAD)
git -C "$src" checkout -q main
git -C "$origin" fetch -q "$src" "$queued:refs/heads/gh-readonly-queue/main/pr-4-$pay"
mg_event() { # FILE HEAD_REF
	jq -n --arg head "$queued" --arg base "$main" --arg ref "$2" '{
		action: "checks_requested",
		merge_group: {head_sha: $head, head_ref: $ref, base_sha: $base,
		              base_ref: "refs/heads/main",
		              head_commit: {id: $head, message: "Merge pull request #4 from acme/pay"}},
		repository: {id: 42, name: "app", full_name: "acme/app", private: false,
		             owner: {login: "acme", type: "Organization"}, default_branch: "main"},
		sender: {login: "github-merge-queue[bot]", id: 9, type: "Bot"}
	}' >"$1"
}
workspace merge-group "gh-readonly-queue/main/pr-4-$pay"
mg_event "$T_ROOT/merge-group.json" "refs/heads/gh-readonly-queue/main/pr-4-$pay"
: >"$T_ROOT/gh-mg.log"
run merge-group merge_group GH_TOKEN=fake PATH="$fakebin:$PATH" \
	FAKE_GH_LOG="$T_ROOT/gh-mg.log" FAKE_GH_REVIEWS="$T_ROOT/sue.json" FAKE_GH_ROLE_sue=write
expect "merge-group: a reviewed change passes in the queue (exit)" 0 "$rc"
check "merge-group: the reviews of #4 read" \
	grep -q '^api --paginate repos/acme/app/pulls/4/reviews$' "$T_ROOT/gh-mg.log"
check "merge-group: the author of #4 asked" \
	grep -q '^api repos/acme/app/pulls/4 --jq .user.login$' "$T_ROOT/gh-mg.log"
expect "merge-group: head is the queue's commit" "$queued" "$(report .range.head)"
expect "merge-group: reviewers pass" pass \
	"$(report '[.requirements[] | select(.check == "reviewers")][0].status')"
# The author's own approval never counts: alice approves her own change.
jq '.[0].user.login = "alice"' "$T_ROOT/sue.json" >"$T_ROOT/alice-self.json"
mg_event "$T_ROOT/merge-group-self.json" "refs/heads/gh-readonly-queue/main/pr-4-$pay"
run merge-group-self merge_group GH_TOKEN=fake PATH="$fakebin:$PATH" \
	FAKE_GH_LOG="$T_ROOT/gh-mg.log" FAKE_GH_REVIEWS="$T_ROOT/alice-self.json" FAKE_GH_ROLE_alice=admin
expect "merge-group-self: the author's approval does not count (exit)" 1 "$rc"
expect "merge-group-self: because she is the author" "the change's author (--author)" \
	"$(report '.ignored_approvals[0].reason')"
# A head_ref that is not the queue's names no pull request: nothing read.
mg_event "$T_ROOT/merge-group-noref.json" "refs/heads/some-branch"
: >"$T_ROOT/gh-mg2.log"
run merge-group-noref merge_group GH_TOKEN=fake PATH="$fakebin:$PATH" \
	FAKE_GH_LOG="$T_ROOT/gh-mg2.log" FAKE_GH_REVIEWS="$T_ROOT/sue.json" FAKE_GH_ROLE_sue=write
expect "merge-group-noref: reviewer requirements unverified (exit)" 1 "$rc"
check "merge-group-noref: says why" grep -q "head_ref names no pull request" "$summary"
check "merge-group-noref: no reviews asked for" sh -c '! grep -q reviews "$1"' - "$T_ROOT/gh-mg2.log"

# Failure-mode answers (docs/walkthrough.md): the pull request's body is the
# description, from the payload; in the merge queue, from the API.
cat >"$T_ROOT/wt-policy.json" <<'JSON'
{"version": 1, "default_tier": "low",
 "tiers": [{"name": "critical", "paths": ["(^|/)(auth|payments)/"],
            "require": {"walkthrough": ["runs-twice"]}},
           {"name": "low", "paths": []}]}
JSON
wt_body='## Summary
Login returns 1.

## What happens if this runs twice?
login() keeps no state, so a second call returns 1 again and writes nothing.'
workspace wt-pr risky
pr_event "$T_ROOT/wt-pr.json" 2 "$risky" risky alice
jq --arg b "$wt_body" '.pull_request.body = $b' "$T_ROOT/wt-pr.json" >"$T_ROOT/wt-pr.tmp" &&
	mv "$T_ROOT/wt-pr.tmp" "$T_ROOT/wt-pr.json"
run wt-pr pull_request INPUT_TRUSTED_POLICY="$T_ROOT/wt-policy.json"
expect "wt-pr: the body answers (exit)" 0 "$rc"
expect "wt-pr: read from the description" description "$(report '.walkthrough[1].source')"
expect "wt-pr: the answer kept" \
	"login() keeps no state, so a second call returns 1 again and writes nothing." \
	"$(report '.walkthrough[1].answer')"
check "wt-pr: the step summary shows the answer" \
	grep -qF '✓ **What happens if this runs twice?** (description): login() keeps no state' "$summary"
# A null body (GitHub's for an empty description): the commits only.
pr_event "$T_ROOT/wt-pr-empty.json" 2 "$risky" risky alice
jq '.pull_request.body = null' "$T_ROOT/wt-pr-empty.json" >"$T_ROOT/wt-pr.tmp" &&
	mv "$T_ROOT/wt-pr.tmp" "$T_ROOT/wt-pr-empty.json"
run wt-pr-empty pull_request INPUT_TRUSTED_POLICY="$T_ROOT/wt-policy.json"
expect "wt-pr-empty: no answer fails (exit)" 1 "$rc"
expect "wt-pr-empty: missing" missing "$(report '.walkthrough[1].status')"
check "wt-pr-empty: the summary names the question" grep -qF "What happens if this runs twice?" "$summary"
# The body's answers inside an HTML comment: nobody reads them.
jq --arg b "<!--
$wt_body
-->" '.pull_request.body = $b' "$T_ROOT/wt-pr.json" >"$T_ROOT/wt-pr-hidden.json"
run wt-pr-hidden pull_request INPUT_TRUSTED_POLICY="$T_ROOT/wt-policy.json"
expect "wt-pr-hidden: a commented-out answer fails (exit)" 1 "$rc"
# The merge queue's payload has no body: the pull request's is asked for.
workspace wt-mg "gh-readonly-queue/main/pr-4-$pay"
mg_event "$T_ROOT/wt-mg.json" "refs/heads/gh-readonly-queue/main/pr-4-$pay"
: >"$T_ROOT/gh-wt.log"
run wt-mg merge_group GH_TOKEN=fake PATH="$fakebin:$PATH" FAKE_GH_LOG="$T_ROOT/gh-wt.log" \
	FAKE_GH_REVIEWS="$T_ROOT/sue.json" FAKE_GH_ROLE_sue=write FAKE_GH_BODY="$wt_body" \
	INPUT_TRUSTED_POLICY="$T_ROOT/wt-policy.json"
expect "wt-mg: the body answers in the queue (exit)" 0 "$rc"
check "wt-mg: the body of #4 asked for" \
	grep -qF 'api repos/acme/app/pulls/4 --jq .body // ""' "$T_ROOT/gh-wt.log"
expect "wt-mg: read from the description" description "$(report '.walkthrough[1].source')"
cp "$T_ROOT/wt-mg.json" "$T_ROOT/wt-mg-nobody.json"
run wt-mg-nobody merge_group GH_TOKEN=fake PATH="$fakebin:$PATH" FAKE_GH_LOG="$T_ROOT/gh-wt.log" \
	FAKE_GH_REVIEWS="$T_ROOT/sue.json" FAKE_GH_ROLE_sue=write \
	INPUT_TRUSTED_POLICY="$T_ROOT/wt-policy.json"
expect "wt-mg-nobody: an empty body fails (exit)" 1 "$rc"

cp "$T_ROOT/pr-token.json" "$T_ROOT/pr-notoken.json"
run pr-notoken pull_request PATH="$fakebin:$PATH" FAKE_GH_LOG="$T_ROOT/gh-none.log"
expect "pr-notoken: without a token, unverified fails" 1 "$rc"
check "pr-notoken: gh not called" test ! -e "$T_ROOT/gh-none.log"

# --- fail-on: warning ------------------------------------------------------
workspace pr-warn warn
pr_event "$T_ROOT/pr-warn.json" 3 "$warn" warn alice
run pr-warn pull_request
expect "pr-warn: a warning passes by default" 0 "$rc"
expect "pr-warn: one warning reported" 1 "$(report .summary.warnings)"
cp "$T_ROOT/pr-warn.json" "$T_ROOT/pr-warn-fails.json"
run pr-warn-fails pull_request INPUT_FAIL_ON=warning
expect "pr-warn-fails: fail-on warning fails the step" 1 "$rc"
cp "$T_ROOT/pr-warn.json" "$T_ROOT/pr-bad-fail-on.json"
run pr-bad-fail-on pull_request INPUT_FAIL_ON=sometimes
expect "pr-bad-fail-on: exit" 3 "$rc"
expect "pr-bad-fail-on: verdict" error "$(output verdict)"

# --- SARIF -------------------------------------------------------------------
cp "$T_ROOT/pr-fail.json" "$T_ROOT/pr-sarif.json"
run pr-sarif pull_request INPUT_SARIF="$T_ROOT/out.sarif"
expect "pr-sarif: exit" 1 "$rc"
expect "pr-sarif: SARIF written" 2.1.0 "$(jq -r .version "$T_ROOT/out.sarif" 2>&1)"
expect "pr-sarif: sarif output" "$T_ROOT/out.sarif" "$(output sarif)"
# The rules link to the docs of the version of the action that runs, read
# from the path the runner checked the action out to.
expect "pr-sarif: no docs URL without an action path" "null" \
	"$(jq -r '.runs[0].tool.driver.informationUri' "$T_ROOT/out.sarif")"
cp "$T_ROOT/pr-fail.json" "$T_ROOT/pr-sarif-docs.json"
run pr-sarif-docs pull_request INPUT_SARIF="$T_ROOT/docs.sarif" \
	GITHUB_SERVER_URL=https://github.com GITHUB_ACTION_PATH=/home/runner/work/_actions/acme/riskgate/v1.2
expect "pr-sarif-docs: informationUri from the action's path" \
	"https://github.com/acme/riskgate/blob/v1.2/docs/" \
	"$(jq -r '.runs[0].tool.driver.informationUri' "$T_ROOT/docs.sarif")"
cp "$T_ROOT/pr-fail.json" "$T_ROOT/pr-sarif-docs2.json"
run pr-sarif-docs2 pull_request INPUT_SARIF="$T_ROOT/docs2.sarif" \
	GITHUB_ACTION_REPOSITORY=acme/riskgate GITHUB_ACTION_REF=main \
	GITHUB_ACTION_PATH=/home/runner/work/_actions/other/x/y
expect "pr-sarif-docs2: GITHUB_ACTION_REPOSITORY and _REF win" \
	"https://github.com/acme/riskgate/blob/main/docs/" \
	"$(jq -r '.runs[0].tool.driver.informationUri' "$T_ROOT/docs2.sarif")"
cp "$T_ROOT/pr-fail.json" "$T_ROOT/pr-sarif-docs3.json"
run pr-sarif-docs3 pull_request INPUT_SARIF="$T_ROOT/docs3.sarif" \
	GITHUB_ACTION_REPOSITORY='acme/riskgate"><x' GITHUB_ACTION_REF='main'
expect "pr-sarif-docs3: a repository that is no owner/name is not used (and no error)" \
	"1 null" "$rc $(jq -r '.runs[0].tool.driver.informationUri' "$T_ROOT/docs3.sarif")"

# A SARIF file the checkout brings at the SARIF path is never offered for
# upload: removed before riskgate runs, and after an error nothing is left.
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "riskgate"}}, "results": []}]}\n' \
	>"$ws/planted.sarif"
cp "$T_ROOT/pr-fail.json" "$T_ROOT/pr-planted.json"
run pr-planted pull_request INPUT_SARIF=planted.sarif INPUT_FAIL_ON=sometimes
expect "pr-planted: exit" 3 "$rc"
expect "pr-planted: no sarif output after an error" "" "$(output sarif)"
check "pr-planted: the planted file is gone" test ! -e "$ws/planted.sarif"
printf '{"planted": true}\n' >"$ws/planted.sarif"
cp "$T_ROOT/pr-fail.json" "$T_ROOT/pr-planted2.json"
run pr-planted2 pull_request INPUT_SARIF=planted.sarif
expect "pr-planted2: exit" 1 "$rc"
expect "pr-planted2: sarif output" planted.sarif "$(output sarif)"
check "pr-planted2: the file is riskgate's, not the planted one" \
	jq -e '.version == "2.1.0" and (.runs[0].results | length > 0) and (has("planted") | not)' "$ws/planted.sarif"

# --- history that cannot reach the base: fail, never pass --------------------
workspace pr-cut feature "$cut"
cp "$T_ROOT/pr-pass.json" "$T_ROOT/pr-cut.json"
run pr-cut pull_request INPUT_SARIF="$T_ROOT/cut.sarif"
expect "pr-cut: exit" 3 "$rc"
# riskgate judged partial history and wrote SARIF; the step calls it an
# error, so that SARIF must not reach code scanning.
expect "pr-cut: no sarif output" "" "$(output sarif)"
check "pr-cut: no SARIF file left" test ! -e "$T_ROOT/cut.sarif"
expect "pr-cut: verdict" error "$(output verdict)"
check "pr-cut: says to set fetch-depth: 0" grep -q 'fetch-depth: 0' "$out"

# --- push: a new branch (all-zero before) evaluates only its own commits -----
zero40=0000000000000000000000000000000000000000
zero64=$zero40$zero40
zero64=${zero64%????????????????}
for z in "$zero40" "$zero64"; do
	n=${#z}
	workspace "push-new-$n" feature
	push_event "$T_ROOT/push-new-$n.json" refs/heads/feature "$z" "$feature"
	run "push-new-$n" push
	expect "push-new-$n: exit" 0 "$rc"
	expect "push-new-$n: base is the default branch" "$main" "$(report .range.base)"
	expect "push-new-$n: only the new branch's commits" 12 "$(report .summary.commits)"
	expect "push-new-$n: only the new branch's files" 12 "$(report .summary.files)"
done

# --- push: before/after ------------------------------------------------------
workspace push feature
push_event "$T_ROOT/push.json" refs/heads/feature "$(git -C "$src" rev-parse feature~3)" "$feature"
run push push
expect "push: exit" 0 "$rc"
expect "push: the pushed commits" 3 "$(report .summary.commits)"
expect "push: head is after" "$feature" "$(report .range.head)"

# --- push: a previous tip the server no longer has -> the default branch ----
workspace push-gone feature
push_event "$T_ROOT/push-gone.json" refs/heads/feature 1234567890123456789012345678901234567890 "$feature"
run push-gone push
expect "push-gone: exit" 0 "$rc"
expect "push-gone: base falls back to the default branch" "$main" "$(report .range.base)"
expect "push-gone: only the branch's commits" 12 "$(report .summary.commits)"
check "push-gone: warns" grep -q '^::warning.*cannot be fetched' "$out"

# --- push: a deleted branch has nothing to evaluate ---------------------------
push_event "$T_ROOT/push-delete.json" refs/heads/gone "$feature" "$zero40"
run push-delete push
expect "push-delete: exit" 0 "$rc"
expect "push-delete: verdict" skip "$(output verdict)"

# --- tags: what the default branch does not have ----------------------------
git -C "$origin" tag v1 "$main~1"
GIT_COMMITTER_NAME=rel GIT_COMMITTER_EMAIL=rel@example.com \
	git -C "$origin" tag -a -m "release candidate" v2-rc "$risky"
workspace tag-on-main v1
push_event "$T_ROOT/tag-on-main.json" refs/tags/v1 "$zero40" "$(git -C "$origin" rev-parse v1)"
run tag-on-main push
expect "tag-on-main: a tag on a commit main has passes as nothing new (exit)" 0 "$rc"
expect "tag-on-main: verdict" skip "$(output verdict)"
check "tag-on-main: the summary says why" grep -q 'Nothing new to evaluate: refs/tags/v1' "$summary"
workspace tag-off-main v2-rc
push_event "$T_ROOT/tag-off-main.json" refs/tags/v2-rc "$zero40" "$(git -C "$origin" rev-parse v2-rc)"
run tag-off-main push
expect "tag-off-main: an annotated tag on an unreviewed auth change fails (exit)" 1 "$rc"
expect "tag-off-main: the tag's commit is the head" "$risky" "$(report .range.head)"
expect "tag-off-main: against the default branch" "$main" "$(report .range.base)"
# A tag moved (before is not zero) is still judged against the default branch.
push_event "$T_ROOT/tag-moved.json" refs/tags/v2-rc "$(git -C "$origin" rev-parse v1)" "$(git -C "$origin" rev-parse v2-rc)"
run tag-moved push
expect "tag-moved: judged against the default branch (exit)" 1 "$rc"
expect "tag-moved: base" "$main" "$(report .range.base)"
# A branch created at a commit main has: nothing new either.
workspace branch-at-main main
push_event "$T_ROOT/branch-at-main.json" refs/heads/copy "$zero40" "$main"
run branch-at-main push
expect "branch-at-main: nothing new (exit)" 0 "$rc"
expect "branch-at-main: verdict" skip "$(output verdict)"

# --- schedule and workflow_dispatch: an audit of the branch ------------------
sched_event() { jq -n '{schedule: "17 3 * * *", repository: {id: 42, name: "app",
	full_name: "acme/app", owner: {login: "acme"}, default_branch: "main"}}' >"$1"; }
workspace sched main
sched_event "$T_ROOT/sched.json"
: >"$T_ROOT/gh-sched.log"
run sched schedule GITHUB_SHA="$main" GITHUB_REF_NAME=main GITHUB_RUN_ID=777 GH_TOKEN=fake \
	PATH="$fakebin:$PATH" FAKE_GH_LOG="$T_ROOT/gh-sched.log" FAKE_GH_LAST="$(git -C "$src" rev-parse main~3)" \
	FAKE_GH_FORK="$main"
expect "sched: exit" 0 "$rc"
expect "sched: since the last run that passed on main (not a fork's, not a failed one)" \
	"$(git -C "$src" rev-parse main~3)" "$(report .range.base)"
expect "sched: up to the branch's tip" "$main" "$(report .range.head)"
expect "sched: the commits since" 3 "$(report .summary.commits)"
check "sched: the summary says so" grep -q "since this workflow's last passing run there" "$summary"
check "sched: the branch's runs asked for" \
	grep -qxF 'api repos/acme/app/actions/workflows/55/runs?branch=main&status=completed&per_page=30' "$T_ROOT/gh-sched.log"
workspace sched-same main
sched_event "$T_ROOT/sched-same.json"
run sched-same schedule GITHUB_SHA="$main" GITHUB_REF_NAME=main GITHUB_RUN_ID=777 GH_TOKEN=fake \
	PATH="$fakebin:$PATH" FAKE_GH_LOG="$T_ROOT/gh-sched.log" FAKE_GH_LAST="$main"
expect "sched-same: nothing since the last verdict (exit)" 0 "$rc"
expect "sched-same: verdict" skip "$(output verdict)"
workspace sched-notoken main
sched_event "$T_ROOT/sched-notoken.json"
run sched-notoken schedule GITHUB_SHA="$main" GITHUB_REF_NAME=main GITHUB_RUN_ID=777
expect "sched-notoken: exit" 0 "$rc"
expect "sched-notoken: the last commit alone" "$(git -C "$src" rev-parse main~1)" "$(report .range.base)"
check "sched-notoken: the summary says why, and how to audit more" \
	grep -q 'no github-token to ask for it), so only its last commit was evaluated; set the base input' "$summary"
workspace dispatch main
jq -n '{inputs: {}, ref: "refs/heads/main", repository: {full_name: "acme/app", default_branch: "main"}}' \
	>"$T_ROOT/dispatch.json"
run dispatch workflow_dispatch GITHUB_SHA="$main" GITHUB_REF_NAME=main INPUT_BASE="$fork"
expect "dispatch: the base input wins" "$fork" "$(report .range.base)"
expect "dispatch: exit" 0 "$rc"

# --- inputs base and head override the event --------------------------------
workspace override feature
cp "$T_ROOT/push.json" "$T_ROOT/override.json"
run override push INPUT_BASE=main INPUT_HEAD=risky
expect "override: exit" 1 "$rc"
expect "override: head from the input" "$risky" "$(report .range.head)"

# --- hostile payloads: refused before git sees any value ----------------------
# A git that logs its arguments, so that a bad value can be shown never to
# reach it. The payload is read by `riskgate github-event`, not by jq.
gitlog=$T_ROOT/git-args.log
gitbin=$T_ROOT/gitbin
mkdir -p "$gitbin"
real_git=$(command -v git)
cat >"$gitbin/git" <<GIT
#!/bin/sh
printf '%s\n' "\$*" >>"$gitlog"
exec "$real_git" "\$@"
GIT
chmod +x "$gitbin/git"
pwned=$T_ROOT/pwned
nl='
'
workspace hostile feature
# hostile NAME WANT [JQ_FILTER [VALUE]]: the pull request payload of pr-pass
# changed by JQ_FILTER (with $v = VALUE), or NAME.json as the test wrote it.
# (Not $name: run and check set it.)
hostile() {
	hn=$1
	want=$2
	if [ $# -ge 3 ]; then
		jq --arg v "${4:-}" "$3" "$T_ROOT/pr-pass.json" >"$T_ROOT/$hn.json"
	fi
	: >"$gitlog"
	run "$hn" pull_request PATH="$gitbin:$PATH"
	expect "$hn: exit" 2 "$rc"
	expect "$hn: verdict" error "$(output verdict)"
	expect "$hn: no report" "" "$(output report)"
	check "$hn: says why ($want)" grep -qF -- "$want" "$out"
	check "$hn: an error annotation" grep -q '^::error title=riskgate::the pull_request event payload cannot be used' "$out"
	check "$hn: git never ran with the payload's values" \
		test -z "$(grep -e upload-pack -e evil -e not-a-sha -e '^fetch' "$gitlog")"
	check "$hn: nothing was executed" test ! -e "$pwned"
}
hostile bad-head-sha 'pull_request.head.sha "not-a-sha" is not a valid commit id' \
	'.pull_request.head.sha = $v' not-a-sha
hostile bad-base-option "pull_request.base.ref \"--upload-pack=touch $pwned\" is not a valid branch name: starts with '-'" \
	'.pull_request.base.ref = $v' "--upload-pack=touch $pwned"
hostile bad-base-dotdot "pull_request.base.ref \"main..evil\" is not a valid branch name: contains '..'" \
	'.pull_request.base.ref = $v' main..evil
hostile bad-base-newline 'pull_request.base.ref "main?evil" is not a valid branch name: contains a control character' \
	'.pull_request.base.ref = $v' "main${nl}evil"
hostile no-pull-request 'pull_request event: pull_request is missing' 'del(.pull_request)'
hostile bad-number 'pull_request.number is a string, expected a positive integer' \
	'.pull_request.number = $v' 1
hostile bad-login 'pull_request.user.login "-evil" is not a valid login' \
	'.pull_request.user.login = $v' -evil
printf 'this is not JSON {' >"$T_ROOT/not-json.json"
hostile not-json 'the payload is not valid JSON'
printf '[]' >"$T_ROOT/array.json"
hostile array 'the payload is an array, expected an object'

# A push whose ref or ids are not what GitHub writes.
jq '.after = "HEAD~1"' "$T_ROOT/push.json" >"$T_ROOT/push-bad-after.json"
run push-bad-after push PATH="$gitbin:$PATH"
expect "push-bad-after: exit" 2 "$rc"
check "push-bad-after: says why" grep -qF 'after "HEAD~1" is not a valid object id' "$out"
jq '.deleted = true' "$T_ROOT/push.json" >"$T_ROOT/push-bad-deleted.json"
run push-bad-deleted push
expect "push-bad-deleted: a contradictory deletion is no skip (exit)" 2 "$rc"
expect "push-bad-deleted: verdict" error "$(output verdict)"
check "push-delete: names the deleted ref" grep -q 'deleted refs/heads/gone' "$T_ROOT/push-delete.log"

# The base and head inputs can come from ${{ github.head_ref }}: never options.
cp "$T_ROOT/pr-pass.json" "$T_ROOT/input-option.json"
: >"$gitlog"
run input-option pull_request PATH="$gitbin:$PATH" INPUT_HEAD="--upload-pack=touch $pwned"
expect "input-option: exit" 2 "$rc"
check "input-option: says why" grep -q "must not start with '-'" "$out"
check "input-option: git never saw it" test -z "$(grep -e upload-pack "$gitlog")"
check "input-option: nothing was executed" test ! -e "$pwned"

# --- git-ai notes reach the gate ----------------------------------------------
# actions/checkout fetches no notes: the action fetches the policy's notes ref
# (refs/notes/ai by default) before the run, and a remote without it is fine.
check "notes: a remote without notes is no error" \
	grep -q 'origin has no refs/notes/ai' "$T_ROOT/pr-pass.log"
cd "$src" || exit 1
git checkout -q -b ainoted "$fork"
mk docs/ai.md 'written by an assistant'
ci "docs by an assistant"
ainoted=$(git rev-parse HEAD)
cat >"$T_ROOT/ai.note" <<'NOTE'
docs/ai.md
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1
---
{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc", "prompts": {},
 "sessions": {"s_c9883b05a2487d": {"agent_id": {"tool": "claude", "id": "1", "model": "claude-sonnet-4"}}}}
NOTE
git notes --ref=ai add -F "$T_ROOT/ai.note" "$ainoted"
git notes --ref=agents add -F "$T_ROOT/ai.note" "$ainoted"
git checkout -q main
cd "$T_ROOT" || exit 1
notes_origin=$T_ROOT/notes-origin.git
git clone -q --mirror "$src" "$notes_origin"
workspace notes ainoted "$notes_origin"
check "notes: the checkout has no notes" \
	test -z "$(git -C "$ws" for-each-ref refs/notes/)"
pr_event "$T_ROOT/notes.json" 7 "$ainoted" ainoted alice
sha=$ainoted run notes pull_request
expect "notes: exit" 0 "$rc"
expect "notes: the gate saw the note" "git-ai note: 1 file, 1 line by claude (claude-sonnet-4)" \
	"$(report '.commits[0].evidence')"
expect "notes: and its ranges" "[[1,1]]" \
	"$(report '.commits[0].git_ai_note.files[0].ranges | tojson')"
check "notes: fetched into refs/notes/ai" \
	test -n "$(git -C "$ws" rev-parse -q --verify refs/notes/ai)"
# A policy that names another notes ref: that ref is fetched.
printf '{"version": 1, "default_tier": "low", "provenance": {"notes_ref": "refs/notes/agents"},
 "tiers": [{"name": "low", "paths": []}]}\n' >"$T_ROOT/agents-policy.json"
workspace notes-agents ainoted "$notes_origin"
cp "$T_ROOT/notes.json" "$T_ROOT/notes-agents.json"
sha=$ainoted run notes-agents pull_request INPUT_TRUSTED_POLICY="$T_ROOT/agents-policy.json"
expect "notes (policy's ref): exit" 0 "$rc"
expect "notes (policy's ref): the gate saw the note" true "$(report '.commits[0].ai_assisted')"
check "notes (policy's ref): refs/notes/ai was not fetched" \
	test -z "$(git -C "$ws" rev-parse -q --verify refs/notes/ai)"
# A note the gate cannot read fails the run, whatever the policy requires.
printf 'garbage\n' >"$T_ROOT/garbage.note"
git -C "$src" notes --ref=ai add -f -F "$T_ROOT/garbage.note" "$ainoted" 2>/dev/null
git -C "$notes_origin" fetch -q "$src" '+refs/notes/*:refs/notes/*'
workspace notes-bad ainoted "$notes_origin"
cp "$T_ROOT/notes.json" "$T_ROOT/notes-bad.json"
sha=$ainoted run notes-bad pull_request
expect "notes (malformed): exit" 2 "$rc"
check "notes (malformed): says why" grep -q "the git-ai note in refs/notes/ai" "$out"

# --- action.yml hands every input to tools/action.sh --------------------------
yml=$(dirname "$ACTION")/../action.yml
for input in policy trusted-policy base head approvals teams permissions sarif fail-on; do
	var=INPUT_$(echo "$input" | tr 'a-z-' 'A-Z_')
	check "action.yml: input $input reaches $var" \
		grep -q "^ *$var: \${{ inputs.$input }}$" "$yml"
done
# shellcheck disable=SC2016 # literal ${{ }} and $VAR in action.yml
check "action.yml: github-token reaches GH_TOKEN" \
	grep -q '^ *GH_TOKEN: \${{ inputs.github-token }}$' "$yml"
# shellcheck disable=SC2016
check "action.yml: outputs come from the check step" \
	grep -q 'value: \${{ steps.check.outputs.verdict }}' "$yml"
# shellcheck disable=SC2016
check "action.yml: the first step checks and installs with tools/action-setup.sh" \
	sh -c 'grep -m1 "run: " "$1" | grep -q "tools/action-setup.sh"' - "$yml"
# The build is saved by its own step right after it is made, before the gate
# runs: actions/cache's own save runs only when the job succeeds.
check "action.yml: restore and save are separate steps" \
	sh -c 'grep -q "uses: actions/cache/restore@v4" "$1" && grep -q "uses: actions/cache/save@v4" "$1" && ! grep -q "uses: actions/cache@" "$1"' - "$yml"
check "action.yml: the save comes before the check" \
	sh -c '[ "$(grep -n "actions/cache/save@v4" "$1" | cut -d: -f1)" -lt "$(grep -n "name: Check$" "$1" | cut -d: -f1)" ]' - "$yml"
check "action.yml: builds with make -C the action's path" \
	grep -q 'make -C "$GITHUB_ACTION_PATH"' "$yml"

finish action
