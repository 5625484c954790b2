#!/bin/sh
# The logic of the riskgate GitHub Action (action.yml), kept here so that it
# can be run and tested outside a runner (tests/action_test.sh).
#
# It works out BASE and HEAD from the event payload ($GITHUB_EVENT_PATH),
# which `riskgate github-event` reads and validates (no payload value reaches
# git unless it is an object id or a well-formed branch name),
# makes sure the history between them is present (deepening a shallow
# checkout, failing with a clear message when it cannot), fetches the
# policy's provenance notes ref (git-ai's refs/notes/ai), fetches the pull
# request's reviews when it has a token, runs `riskgate check`, and writes
# the outputs `verdict` and `report` to $GITHUB_OUTPUT. It exits with
# riskgate's code (0 pass, 1 fail, 2 usage or policy error, or an invalid
# event payload, 3 repository or runtime error); with fail-on "warning",
# warnings fail too (exit 1).
#
# Environment (set by action.yml from the inputs; all optional):
#   INPUT_POLICY (a path read from the base revision), INPUT_TRUSTED_POLICY
#   (a runner file used as is), INPUT_BASE, INPUT_HEAD, INPUT_APPROVALS, INPUT_TEAMS,
#   INPUT_PERMISSIONS, INPUT_SARIF, INPUT_FAIL_ON (error|warning),
#   INPUT_WRITE_NOTE (true|false), INPUT_VERDICT_KEY (an SSH private key)
#   GH_TOKEN             token for `gh api` (reviews, team members, the
#                        reviewers' repository permissions)
#   RISKGATE_BIN         the riskgate binary (default: riskgate next to this
#                        script's directory, i.e. the action's own build)
#   RISKGATE_DEEPEN      first --deepen step for shallow clones (default 50;
#                        doubled each round, then --unshallow)
#   RISKGATE_DEEPEN_MAX  largest --deepen step before --unshallow (default 3200)
#   GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_SHA, GITHUB_WORKSPACE,
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP: as a runner sets them.
set -u

here=$(cd "$(dirname "$0")" && pwd)
RISKGATE_BIN=${RISKGATE_BIN:-$here/../riskgate}
FAIL_ON=${INPUT_FAIL_ON:-error}
WRITE_NOTE=${INPUT_WRITE_NOTE:-false}
EVENT_NAME=${GITHUB_EVENT_NAME:-}
EVENT=${GITHUB_EVENT_PATH:-}
DEEPEN=${RISKGATE_DEEPEN:-50}
case "$DEEPEN" in '' | *[!0-9]* | 0) DEEPEN=50 ;; esac
DEEPEN_MAX=${RISKGATE_DEEPEN_MAX:-3200}
case "$DEEPEN_MAX" in '' | *[!0-9]*) DEEPEN_MAX=3200 ;; esac

out_dir=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/riskgate.XXXXXX") || exit 3
REPORT=$out_dir/report.json
SUMMARY=${GITHUB_STEP_SUMMARY:-$out_dir/summary.md}
NOTES=$out_dir/notes.md
: >"$NOTES"

# Workflow commands go to stdout, where the runner reads them. The message is
# escaped as GitHub requires (%, CR, LF).
annotate() { # LEVEL MESSAGE
	msg=$(printf '%s\n' "$2" | tr -d '\r' |
		awk '{ gsub(/%/, "%25"); printf "%s%s", (NR > 1 ? "%0A" : ""), $0 }')
	printf '::%s title=riskgate::%s\n' "$1" "$msg"
}
note() { printf -- '- %s\n' "$1" >>"$NOTES"; }

set_output() { # NAME VALUE
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
	else
		printf '%s=%s\n' "$1" "$2"
	fi
}

# Ends the step: notes appended to the summary, outputs written.
finish() { # CODE VERDICT REPORT
	if [ -s "$NOTES" ]; then
		{ printf '\n### riskgate action\n\n'; cat "$NOTES"; } >>"$SUMMARY" 2>/dev/null || :
	fi
	set_output verdict "$2"
	set_output report "$3"
	# SARIF only from a run that judged the change: an upload of anything
	# else (an error run's, or a file the checkout brought) could close
	# open alerts or show false ones, so after an error there is no file.
	if [ -n "${INPUT_SARIF:-}" ]; then
		case "$2" in
		pass | fail) [ -s "$SARIF_PATH" ] && set_output sarif "$INPUT_SARIF" ;;
		*) rm -f -- "$SARIF_PATH" ;;
		esac
	fi
	exit "$1"
}

# The SARIF file, relative to the workspace (the step may fail before
# entering it).
case "${INPUT_SARIF:-}" in
/*) SARIF_PATH=$INPUT_SARIF ;;
*) SARIF_PATH="${GITHUB_WORKSPACE:-.}/${INPUT_SARIF:-}" ;;
esac

# An error before riskgate could run: never a pass. CODE defaults to 3.
die() { # MESSAGE [CODE]
	annotate error "$1"
	note "error: $1"
	finish "${2:-3}" error ""
}

case "$FAIL_ON" in
error | warning) ;;
*) die "fail-on must be 'error' or 'warning', not '$FAIL_ON'" ;;
esac
case "$WRITE_NOTE" in
true | false) ;;
*) die "write-note must be 'true' or 'false', not '$WRITE_NOTE'" ;;
esac
[ "$WRITE_NOTE" = false ] && [ -n "${INPUT_VERDICT_KEY:-}" ] &&
	die "verdict-key signs the verdict note: set write-note: true as well"
[ -x "$RISKGATE_BIN" ] || die "riskgate binary not found at $RISKGATE_BIN"
command -v git >/dev/null 2>&1 || die "git is not installed"
command -v jq >/dev/null 2>&1 || die "jq is not installed"
INPUT_HEAD=${INPUT_HEAD:-}
INPUT_BASE=${INPUT_BASE:-}

cd "${GITHUB_WORKSPACE:-.}" || die "cannot enter the workspace ${GITHUB_WORKSPACE:-.}"
# Whatever the checkout holds at the SARIF path is not this run's.
[ -n "${INPUT_SARIF:-}" ] && rm -f -- "$SARIF_PATH"

# SARIF rules link to the documentation of the version of the action that
# runs: GITHUB_ACTION_REPOSITORY and GITHUB_ACTION_REF when the runner sets
# them, else the .../_actions/OWNER/REPO/REF path it checked the action out
# to. Nothing that does not look like a repository and ref is used.
if [ -z "${RISKGATE_DOCS_URL:-}" ]; then
	a_repo=${GITHUB_ACTION_REPOSITORY:-}
	a_ref=${GITHUB_ACTION_REF:-}
	if [ -z "$a_repo" ] || [ -z "$a_ref" ]; then
		case "${GITHUB_ACTION_PATH:-}" in
		*/_actions/*/*/*)
			a_rest=${GITHUB_ACTION_PATH##*/_actions/}
			a_repo=$(printf '%s' "$a_rest" | cut -d/ -f1-2)
			a_ref=$(printf '%s' "$a_rest" | cut -d/ -f3-)
			;;
		esac
	fi
	if printf '%s' "$a_repo" | grep -Eqx '[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+' &&
		printf '%s' "$a_ref" | grep -Eqx '[A-Za-z0-9_.][A-Za-z0-9_./-]*'; then
		server=${GITHUB_SERVER_URL:-https://github.com}
		case "$server" in
		https://* | http://*)
			RISKGATE_DOCS_URL="${server%/}/$a_repo/blob/$a_ref/docs/"
			export RISKGATE_DOCS_URL
			;;
		esac
	fi
fi
git rev-parse --git-dir >/dev/null 2>&1 ||
	die "$(pwd) is not a git repository: run actions/checkout before riskgate"

have_commit() { git rev-parse -q --verify "$1^{commit}" >/dev/null 2>&1; }
is_shallow() { [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; }
gitq() { git -c advice.detachedHead=false "$@" >/dev/null 2>&1; }

# --- what to evaluate --------------------------------------------------------

# The inputs may come from expressions such as ${{ github.head_ref }}, which
# whoever opened the pull request chose: never let one be read as an option.
for input in "$INPUT_HEAD" "$INPUT_BASE"; do
	case "$input" in
	-*) die "the base and head inputs must not start with '-': '$input'" 2 ;;
	esac
	if [ "$(printf '%s' "$input" | tr -d '[:cntrl:]')" != "$input" ]; then
		die "the base and head inputs must not contain control characters" 2
	fi
done

# The event payload's fields, read and validated by `riskgate github-event`:
# one key=value per line, values without newlines; ids are 40 or 64 hex
# digits, branch names follow git check-ref-format and never start with '-'.
# An invalid payload fails the step before git sees any of it.
REPO_NAME=""
DEFAULT_BRANCH=""
EV_HEAD=""      # pull_request.head.sha or merge_group.head_sha
EV_BASE_SHA=""  # merge_group.base_sha (pull_request.base.sha is not used)
EV_BASE_REF=""  # pull_request.base.ref
PR_NUMBER=""
AUTHOR=""
PUSHER=""       # sender of a pull_request "synchronize": who pushed the head
PUSH_REF=""
PUSH_BEFORE=""
PUSH_AFTER=""
PUSH_CREATED=false
PUSH_DELETED=false
# The context of the policy's conditions (require_when): the branch the
# change goes to, the pull request's head branch, title and labels. An
# unknown one is left out, and a condition on it adds its requirements.
TARGET_BRANCH=""
HEAD_REF=""
TITLE=""
LABELS_KNOWN=false
: >"$out_dir/labels.txt" # one label a line: github-event prints none with a newline
if [ -n "$EVENT" ] && [ -n "$EVENT_NAME" ]; then
	[ -f "$EVENT" ] || die "the event payload $EVENT does not exist"
	"$RISKGATE_BIN" github-event --name "$EVENT_NAME" -- "$EVENT" \
		>"$out_dir/event.txt" 2>"$out_dir/event.err"
	code=$?
	if [ "$code" -ne 0 ]; then
		die "the $EVENT_NAME event payload cannot be used: $(sed 's/^riskgate: //' "$out_dir/event.err" | head -c 800)" "$code"
	fi
	while IFS= read -r line; do
		value=${line#*=}
		case "$line" in
		repository=*) REPO_NAME=$value ;;
		default_branch=*) DEFAULT_BRANCH=$value ;;
		head_sha=*) EV_HEAD=$value ;;
		base_sha=*) EV_BASE_SHA=$value ;;
		base_ref=*) EV_BASE_REF=$value ;;
		pr_number=*) PR_NUMBER=$value ;;
		author=*) AUTHOR=$value ;;
		pusher=*) PUSHER=$value ;;
		push_ref=*) PUSH_REF=$value ;;
		push_before=*) PUSH_BEFORE=$value ;;
		push_after=*) PUSH_AFTER=$value ;;
		created=*) PUSH_CREATED=$value ;;
		deleted=*) PUSH_DELETED=$value ;;
		target_branch=*) TARGET_BRANCH=$value ;;
		head_ref=*) HEAD_REF=$value ;;
		title=*) TITLE=$value ;;
		label=*) printf '%s\n' "$value" >>"$out_dir/labels.txt" ;;
		labels_known=*) LABELS_KNOWN=$value ;;
		esac
	done <"$out_dir/event.txt"
fi
REPO_NAME=${REPO_NAME:-${GITHUB_REPOSITORY:-}}

# Sets LAST_VERDICT to the commit of this workflow's last run that passed on
# AUDIT_BRANCH itself: a schedule, workflow_dispatch or push run of this
# repository (not a fork's pull request from a branch of the same name),
# other than this run. A failed or broken run is no verdict to start from:
# what it found is judged again until a run passes. Needs gh, a token with
# actions: read, and the run's id; says why not in LAST_VERDICT_WHY.
LAST_VERDICT=""
LAST_VERDICT_WHY=""
last_verdict_commit() {
	if [ -z "${GH_TOKEN:-}" ] || ! command -v gh >/dev/null 2>&1; then
		LAST_VERDICT_WHY="no github-token to ask for it"
		return 1
	fi
	case "${GITHUB_RUN_ID:-}" in
	'' | *[!0-9]*)
		LAST_VERDICT_WHY="GITHUB_RUN_ID is not set"
		return 1
		;;
	esac
	if [ -z "$REPO_NAME" ] || ! git check-ref-format --branch "$AUDIT_BRANCH" >/dev/null 2>&1; then
		LAST_VERDICT_WHY="the repository or branch is unknown"
		return 1
	fi
	wf=$(gh api "repos/$REPO_NAME/actions/runs/$GITHUB_RUN_ID" --jq .workflow_id 2>"$out_dir/gh.err")
	case "$wf" in
	'' | *[!0-9]*)
		LAST_VERDICT_WHY="this run's workflow could not be read: $(head -c 200 "$out_dir/gh.err")"
		return 1
		;;
	esac
	enc=$(jq -rn --arg b "$AUDIT_BRANCH" '$b | @uri')
	# Filtered here with jq's own arguments: a branch name may hold a '"'.
	gh api "repos/$REPO_NAME/actions/workflows/$wf/runs?branch=$enc&status=completed&per_page=30" \
		>"$out_dir/runs.json" 2>"$out_dir/gh.err" || {
		LAST_VERDICT_WHY="the workflow's runs could not be read: $(head -c 200 "$out_dir/gh.err")"
		return 1
	}
	sha=$(jq -r --argjson id "$GITHUB_RUN_ID" --arg branch "$AUDIT_BRANCH" --arg repo "$REPO_NAME" \
		'[.workflow_runs[]? | select(.id != $id and .conclusion == "success"
			and (.event == "schedule" or .event == "workflow_dispatch" or .event == "push")
			and .head_branch == $branch and .head_repository.full_name == $repo)][0].head_sha // empty' \
		"$out_dir/runs.json" 2>/dev/null)
	if [ -z "$sha" ]; then
		LAST_VERDICT_WHY="no earlier run of it on the branch passed"
		return 1
	fi
	if ! printf '%s\n' "$sha" | grep -qxE '[0-9a-f]{40}([0-9a-f]{24})?'; then
		LAST_VERDICT_WHY="the API answered something that is not a commit id"
		return 1
	fi
	LAST_VERDICT=$sha
}
AUDIT_BRANCH=""
BASE_FROM_PARENT=0

HEAD_REV=""     # the head commit (or a revision naming it)
BASE_REV=""     # the base commit (or a revision naming it)
BASE_BRANCH=""  # when the base is a branch: its name on origin

case "$EVENT_NAME" in
pull_request | pull_request_target | pull_request_review | pull_request_review_comment)
	# Never GITHUB_SHA: for pull_request that is the synthetic merge commit.
	HEAD_REV=$EV_HEAD
	BASE_BRANCH=$EV_BASE_REF
	if [ -z "$HEAD_REV$INPUT_HEAD" ] || [ -z "$BASE_BRANCH$INPUT_BASE" ]; then
		die "the $EVENT_NAME payload has no pull_request.head.sha or base.ref"
	fi
	;;
push)
	if [ "$PUSH_DELETED" = true ] && [ -z "${INPUT_HEAD:-}" ]; then
		annotate notice "the push deleted $PUSH_REF; nothing to evaluate"
		note "The push deleted $PUSH_REF: nothing to evaluate."
		finish 0 skip ""
	fi
	HEAD_REV=$PUSH_AFTER
	if [ "$PUSH_CREATED" = true ] || [ -z "$PUSH_BEFORE" ] ||
		case "$PUSH_REF" in refs/tags/*) true ;; *) false ;; esac; then
		# A new branch, or a tag (new or moved): evaluate its commits that
		# are not on the default branch.
		BASE_BRANCH=$DEFAULT_BRANCH
	else
		BASE_REV=$PUSH_BEFORE
	fi
	;;
merge_group)
	# The queue's commit on top of the queue's base: the pull request's
	# change as it would land. Its number comes from the branch the queue
	# made for it (riskgate github-event), so its reviews can be read; an
	# approval counts there when the diff is the one the reviewer saw.
	HEAD_REV=$EV_HEAD
	BASE_REV=$EV_BASE_SHA
	if [ -z "$PR_NUMBER" ]; then
		annotate warning "the merge group's head_ref names no pull request (refs/heads/gh-readonly-queue/BASE/pr-N-SHA): its reviews cannot be read"
		note "The merge group's head_ref names no pull request: reviewer requirements are unverified."
	fi
	;;
schedule | workflow_dispatch)
	# An audit of the branch the run is on: the commits since this
	# workflow's last passing run there, else its last commit alone. The
	# base input overrides.
	HEAD_REV=${GITHUB_SHA:-}
	AUDIT_BRANCH=${GITHUB_REF_NAME:-$DEFAULT_BRANCH}
	if [ -z "${INPUT_BASE:-}" ]; then
		if last_verdict_commit; then
			BASE_REV=$LAST_VERDICT
			note "A $EVENT_NAME run: evaluated the commits of $AUDIT_BRANCH since this workflow's last passing run there, on $LAST_VERDICT."
		else
			BASE_FROM_PARENT=1
			note "A $EVENT_NAME run: no earlier passing run of this workflow on $AUDIT_BRANCH was found ($LAST_VERDICT_WHY), so only its last commit was evaluated; set the base input to audit more."
		fi
	fi
	;;
*)
	HEAD_REV=${GITHUB_SHA:-}
	BASE_BRANCH=$DEFAULT_BRANCH
	;;
esac

# Explicit inputs override the event.
if [ -n "${INPUT_HEAD:-}" ]; then HEAD_REV=$INPUT_HEAD; fi
if [ -n "${INPUT_BASE:-}" ]; then
	BASE_REV=$INPUT_BASE
	BASE_BRANCH=""
fi
[ -n "$HEAD_REV" ] || HEAD_REV=HEAD
if [ -z "$BASE_REV" ] && [ -z "$BASE_BRANCH" ] && [ "$BASE_FROM_PARENT" -eq 0 ]; then
	die "cannot tell what to compare against for a '$EVENT_NAME' event: set the 'base' input"
fi

# --- the history it needs ----------------------------------------------------

# Refspec of the base branch, fetched into refs/remotes/origin/<branch>.
base_spec=""
if [ -n "$BASE_BRANCH" ]; then
	BASE_BRANCH=${BASE_BRANCH#refs/heads/}
	base_spec="+refs/heads/$BASE_BRANCH:refs/remotes/origin/$BASE_BRANCH"
	depth=""
	is_shallow && depth="--depth=$DEEPEN"
	# shellcheck disable=SC2086
	git fetch -q --no-tags $depth origin "$base_spec" ||
		die "cannot fetch the base branch '$BASE_BRANCH' from origin"
	BASE_REV=refs/remotes/origin/$BASE_BRANCH
fi

# A revision: a commit id is fetched when it is not present (or else the pull
# request's head ref, which also holds a fork's commits); a branch name is
# fetched from origin and means origin's branch; anything else is resolved
# locally.
ensure() { # REV -> prints the resolved commit
	rev=$1
	depth=""
	is_shallow && depth="--depth=$DEEPEN"
	if printf '%s\n' "$rev" | grep -qE '^[0-9a-f]{40}([0-9a-f]{24})?$'; then
		if ! have_commit "$rev"; then
			# shellcheck disable=SC2086
			gitq fetch -q --no-tags $depth origin "$rev" ||
				{ [ -n "$PR_NUMBER" ] && gitq fetch -q --no-tags $depth origin \
					"+refs/pull/$PR_NUMBER/head:refs/remotes/origin/pull/$PR_NUMBER/head"; } || :
		fi
	else
		case "$rev" in
		HEAD | HEAD[~^]* | refs/remotes/*) ;;
		*)
			# shellcheck disable=SC2086
			if gitq fetch -q --no-tags $depth origin \
				"+refs/heads/${rev#refs/heads/}:refs/remotes/origin/${rev#refs/heads/}"; then
				rev=refs/remotes/origin/${rev#refs/heads/}
			fi
			;;
		esac
	fi
	git rev-parse -q --verify "$rev^{commit}" 2>/dev/null
}

head_sha=$(ensure "$HEAD_REV") || die "the head commit $HEAD_REV cannot be found or fetched"
if [ "$BASE_FROM_PARENT" -eq 1 ]; then
	is_shallow && gitq fetch -q --no-tags --deepen=1 origin "$head_sha"
	if ! BASE_REV=$(git rev-parse -q --verify "$head_sha^1^{commit}" 2>/dev/null); then
		annotate notice "$head_sha has no parent: nothing to compare it with"
		note "$head_sha is the branch's first commit: nothing to compare it with."
		finish 0 skip ""
	fi
fi
if ! base_sha=$(ensure "$BASE_REV"); then
	if [ "$EVENT_NAME" = push ] && [ -z "$INPUT_BASE" ] && [ -n "$DEFAULT_BRANCH" ]; then
		# `before` is gone (a force push whose old tip was collected):
		# evaluate what is not on the default branch instead.
		annotate warning "the push's previous tip $BASE_REV cannot be fetched; evaluating the commits not on $DEFAULT_BRANCH"
		note "The push's previous tip $BASE_REV cannot be fetched: evaluated the commits not on $DEFAULT_BRANCH instead."
		BASE_BRANCH=$DEFAULT_BRANCH
		base_spec="+refs/heads/$BASE_BRANCH:refs/remotes/origin/$BASE_BRANCH"
		base_sha=$(ensure "refs/heads/$BASE_BRANCH") ||
			die "cannot fetch the default branch '$DEFAULT_BRANCH' from origin"
	else
		die "the base $BASE_REV cannot be found or fetched"
	fi
fi
[ -n "$base_spec" ] || base_spec=$base_sha

# Deepen a shallow clone until the merge base is present: --deepen doubling,
# then --unshallow. Never evaluate partial history.
complete=1
step=$DEEPEN
while ! git merge-base "$base_sha" "$head_sha" >/dev/null 2>&1; do
	if ! is_shallow; then
		complete=0
		break
	fi
	if [ "$step" -eq 0 ]; then
		# Already unshallowed and still shallow: the server lacks the history.
		complete=0
		break
	elif [ "$step" -le "$DEEPEN_MAX" ]; then
		echo "riskgate: shallow clone; fetching $step more commits of history"
		gitq fetch -q --no-tags --deepen="$step" origin "$base_spec" "$head_sha" || :
		step=$((step * 2))
	else
		echo "riskgate: shallow clone; fetching the whole history"
		gitq fetch -q --no-tags --unshallow origin "$base_spec" "$head_sha" || :
		step=0
	fi
done
merge_base=""
[ "$complete" -eq 1 ] && merge_base=$(git merge-base "$base_sha" "$head_sha")
echo "riskgate: base $base_sha, head $head_sha, merge base ${merge_base:-not found}"

# Nothing new: the head is already in the base's history (a tag or a branch
# created at a commit the default branch has, a push that moved a branch
# back, a scheduled run with no commit since the last passing one). This
# step judges what a change brings; commits the base already has were
# judged, or not, by whatever gates the base (docs/github-action.md).
if [ "$complete" -eq 1 ] && [ "$merge_base" = "$head_sha" ] && [ -z "${INPUT_HEAD:-}${INPUT_BASE:-}" ]; then
	what=${PUSH_REF:-$head_sha}
	[ "$EVENT_NAME" = push ] || what=$head_sha
	annotate notice "nothing new to evaluate: $what is already in the history of $base_sha"
	note "Nothing new to evaluate: $what ($head_sha) is already in the history of $base_sha; this run judges only what a change brings to it."
	finish 0 skip ""
fi

# --- provenance notes --------------------------------------------------------

# The policy's text as the gate will read it (for the keys this script
# needs before the run: the notes ref, the @org/team names).
policy_text() {
	if [ -n "${INPUT_TRUSTED_POLICY:-}" ]; then
		cat "$INPUT_TRUSTED_POLICY" 2>/dev/null
	elif [ -n "${INPUT_POLICY:-}" ]; then
		git show "$base_sha:$INPUT_POLICY" 2>/dev/null
	else
		git show "$base_sha:.riskgate.json" 2>/dev/null ||
			cat "$here/../policies/default.json" 2>/dev/null
	fi
}

# git-ai's notes are not part of a checkout: fetch the policy's
# provenance.notes_ref (refs/notes/ai unless the policy names another) so the
# gate reads what git-ai recorded. A remote without the ref has nothing to
# read; a ref it has but that cannot be fetched fails the step, since the
# gate would otherwise judge the commits without their notes.
notes_ref=$(policy_text | grep -oE '"notes_ref"[[:space:]]*:[[:space:]]*"[^"]*"' | head -n 1 |
	sed -E 's/.*"([^"]*)"$/\1/')
[ -n "$notes_ref" ] || notes_ref=refs/notes/ai
case "$notes_ref" in
refs/notes/?*) git check-ref-format "$notes_ref" || notes_ref="" ;;
*) notes_ref="" ;;
esac
if [ -z "$notes_ref" ]; then
	annotate warning "the policy's provenance.notes_ref is not a refs/notes/ ref; no notes were fetched"
	note "The policy's notes ref is not under refs/notes/: no notes were fetched."
else
	git ls-remote --exit-code origin "$notes_ref" >/dev/null 2>&1
	case $? in
	0)
		gitq fetch -q --no-tags origin "+$notes_ref:$notes_ref" ||
			die "cannot fetch the provenance notes $notes_ref from origin"
		echo "riskgate: fetched $notes_ref"
		;;
	2) echo "riskgate: origin has no $notes_ref (no git-ai notes)" ;;
	*) die "cannot list origin's refs to fetch the provenance notes $notes_ref" ;;
	esac
fi

# --- who approved ------------------------------------------------------------

APPROVALS=${INPUT_APPROVALS:-}
TEAMS=${INPUT_TEAMS:-}
have_gh=0
[ -n "${GH_TOKEN:-}" ] && command -v gh >/dev/null 2>&1 && have_gh=1
if [ -z "$APPROVALS" ] && [ -n "$PR_NUMBER" ]; then
	if [ "$have_gh" -eq 1 ] && [ -n "$REPO_NAME" ]; then
		if gh api --paginate "repos/$REPO_NAME/pulls/$PR_NUMBER/reviews" \
			>"$out_dir/reviews.json" 2>"$out_dir/gh.err"; then
			APPROVALS=$out_dir/reviews.json
		else
			annotate warning "could not read the reviews of pull request #$PR_NUMBER: $(head -c 300 "$out_dir/gh.err"); reviewer requirements are unverified"
			note "The reviews of #$PR_NUMBER could not be read: reviewer requirements are unverified."
		fi
	else
		note "No github-token and no approvals file (a fork's pull request has no token): reviewer requirements are reported as unverified and fail."
	fi
fi

# A merge group's payload names no author: ask for the pull request's, so
# that the author's own approval never counts.
if [ "$EVENT_NAME" = merge_group ] && [ -n "$PR_NUMBER" ] && [ -z "$AUTHOR" ] &&
	[ "$have_gh" -eq 1 ] && [ -n "$REPO_NAME" ]; then
	login=$(gh api "repos/$REPO_NAME/pulls/$PR_NUMBER" --jq .user.login 2>"$out_dir/gh.err") || login=""
	if printf '%s' "$login" | grep -Eqx '[A-Za-z0-9][A-Za-z0-9-]{0,38}(\[bot\])?'; then
		AUTHOR=$login
	else
		annotate warning "could not read the author of pull request #$PR_NUMBER: $(head -c 300 "$out_dir/gh.err")"
		note "The author of #$PR_NUMBER could not be read: approvals are checked against the commits' authors only."
	fi
fi

# The pull request's description, where the author answers the policy's
# failure-mode questions (docs/walkthrough.md): the event's body, or in a
# merge queue, whose payload has none, the pull request's current body.
# Without it the answers are read from the commit messages only.
DESCRIPTION=""
case "$EVENT_NAME" in
pull_request | pull_request_target | pull_request_review | pull_request_review_comment)
	if [ -n "$EVENT" ] &&
		jq -j '.pull_request.body // ""' "$EVENT" >"$out_dir/description.md" 2>"$out_dir/jq.err"; then
		DESCRIPTION=$out_dir/description.md
	fi
	;;
merge_group)
	if [ -n "$PR_NUMBER" ] && [ "$have_gh" -eq 1 ] && [ -n "$REPO_NAME" ]; then
		if gh api "repos/$REPO_NAME/pulls/$PR_NUMBER" --jq '.body // ""' \
			>"$out_dir/description.md" 2>"$out_dir/gh.err"; then
			DESCRIPTION=$out_dir/description.md
		else
			annotate warning "could not read the description of pull request #$PR_NUMBER: $(head -c 300 "$out_dir/gh.err"); failure-mode answers are read from commit messages only"
			note "The description of #$PR_NUMBER could not be read: failure-mode answers are read from commit messages only."
		fi
	fi
	;;
esac

# Members of every @org/team named by the policy or the base's CODEOWNERS.
if [ -z "$TEAMS" ] && [ -n "$APPROVALS" ] && [ "$have_gh" -eq 1 ]; then
	{
		policy_text
		for f in .github/CODEOWNERS CODEOWNERS docs/CODEOWNERS; do
			git show "$base_sha:$f" 2>/dev/null
		done
	} | grep -oE '@[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+' | sort -u >"$out_dir/teams.txt"
	if [ -s "$out_dir/teams.txt" ]; then
		echo '{}' >"$out_dir/teams.json"
		while IFS= read -r team; do
			t=${team#@}
			org=${t%%/*}
			slug=${t#*/}
			if gh api --paginate "orgs/$org/teams/$slug/members" --jq '.[].login' \
				>"$out_dir/members.txt" 2>"$out_dir/gh.err"; then
				jq -R . "$out_dir/members.txt" | jq -s --arg t "$t" \
					--slurpfile all "$out_dir/teams.json" '$all[0] + {($t): .}' \
					>"$out_dir/teams.new" && mv "$out_dir/teams.new" "$out_dir/teams.json"
			else
				annotate warning "could not read the members of @$t (the token needs read access to the organization's members): reviews from that team are unverified"
				note "The members of @$t could not be read: requirements naming it are unverified."
			fi
		done <"$out_dir/teams.txt"
		TEAMS=$out_dir/teams.json
	fi
fi

# --- who may approve -----------------------------------------------------------

# An approval counts only from a reviewer shown to have write access, and
# author_association (MEMBER, COLLABORATOR) does not show it. With a token,
# ask the API for the permission of everyone whose review approves or
# requests changes; a login that cannot be asked stays unverified (its
# approval does not count, which fails a requirement that needs it).
PERMISSIONS=${INPUT_PERMISSIONS:-}
if [ -z "$PERMISSIONS" ] && [ -n "$APPROVALS" ]; then
	if [ "$have_gh" -eq 1 ] && [ -n "$REPO_NAME" ]; then
		jq -r '.. | objects | select(has("state") and (.user | type) == "object")
			| select(.state | ascii_upcase | IN("APPROVED", "CHANGES_REQUESTED"))
			| .user.login | strings' "$APPROVALS" 2>/dev/null | sort -u >"$out_dir/reviewers.txt"
		echo '{}' >"$out_dir/permissions.json"
		while IFS= read -r login; do
			case "$login" in
			'' | -* | *[!A-Za-z0-9-]*) continue ;; # bots ("x[bot]") never count
			esac
			if gh api "repos/$REPO_NAME/collaborators/$login/permission" \
				--jq 'if (.role_name // "" | IN("admin", "maintain", "write", "triage", "read", "none"))
					then .role_name else .permission end' \
				>"$out_dir/permission.txt" 2>"$out_dir/gh.err" &&
				perm=$(head -n 1 "$out_dir/permission.txt") &&
				case "$perm" in admin | maintain | write | triage | read | none) ;; *) false ;; esac; then
				jq --arg l "$login" --arg p "$perm" '. + {($l): $p}' "$out_dir/permissions.json" \
					>"$out_dir/permissions.new" && mv "$out_dir/permissions.new" "$out_dir/permissions.json"
			else
				annotate warning "could not read the repository permission of $login: $(head -c 300 "$out_dir/gh.err"); their review is unverified"
				note "The permission of $login could not be read: their approval does not count."
			fi
		done <"$out_dir/reviewers.txt"
		PERMISSIONS=$out_dir/permissions.json
	else
		note "No github-token and no permissions file: no approval can be shown to come from someone with write access, so none counts."
	fi
fi

# Whoever authored or committed a commit of the pull request may not approve
# it. Git identities are whatever the committer wrote; the logins GitHub
# resolved from verified emails are not, so pass those too.
CONTRIBUTORS=""
if [ -n "$APPROVALS" ] && [ -n "$PR_NUMBER" ] && [ "$have_gh" -eq 1 ] && [ -n "$REPO_NAME" ]; then
	if gh api --paginate "repos/$REPO_NAME/pulls/$PR_NUMBER/commits" \
		--jq '.[] | (.author.login?, .committer.login?) | strings' \
		>"$out_dir/contributors.txt" 2>"$out_dir/gh.err"; then
		jq -R . "$out_dir/contributors.txt" | jq -s . >"$out_dir/contributors.json" &&
			CONTRIBUTORS=$out_dir/contributors.json
	else
		annotate warning "could not read the commits of pull request #$PR_NUMBER: $(head -c 300 "$out_dir/gh.err"); contributors are recognised by their commit identities only"
	fi
fi

# --- the check ---------------------------------------------------------------

set -- check --base "$base_sha" --head "$head_sha" --format github \
	--markdown "$SUMMARY" --json "$REPORT"
[ -n "${INPUT_SARIF:-}" ] && set -- "$@" --sarif "$INPUT_SARIF"
[ -n "$APPROVALS" ] && set -- "$@" --approvals "$APPROVALS"
[ -n "$TEAMS" ] && set -- "$@" --teams "$TEAMS"
[ -n "$AUTHOR" ] && set -- "$@" --author "$AUTHOR"
[ -n "$PUSHER" ] && set -- "$@" --pusher "$PUSHER"
[ -n "$PERMISSIONS" ] && set -- "$@" --permissions "$PERMISSIONS"
[ -n "$CONTRIBUTORS" ] && set -- "$@" --contributors "$CONTRIBUTORS"
[ -n "$TARGET_BRANCH" ] && set -- "$@" --target-branch "$TARGET_BRANCH"
[ -n "$HEAD_REF" ] && set -- "$@" --source-branch "$HEAD_REF"
[ -n "$TITLE" ] && set -- "$@" --title "$TITLE"
[ -n "$DESCRIPTION" ] && set -- "$@" --description "$DESCRIPTION"
if [ "$LABELS_KNOWN" = true ]; then
	[ -s "$out_dir/labels.txt" ] || set -- "$@" --no-labels
	while IFS= read -r label; do
		set -- "$@" --label "$label"
	done <"$out_dir/labels.txt"
fi
# The policy input names a path in the base revision's tree (the workspace
# holds the pull request's version); trusted-policy is a runner file.
[ -n "${INPUT_POLICY:-}" ] && set -- "$@" --policy-path "$INPUT_POLICY"
[ -n "${INPUT_TRUSTED_POLICY:-}" ] && set -- "$@" --policy "$INPUT_TRUSTED_POLICY"

# write-note (docs/verdicts.md): the verdict as a note on the head, added to
# the notes the origin already has, signed when a key is given.
if [ "$WRITE_NOTE" = true ]; then
	git fetch -q --no-tags origin "+refs/notes/riskgate:refs/notes/riskgate" >/dev/null 2>&1 || :
	set -- "$@" --write-note
	if [ -n "${INPUT_VERDICT_KEY:-}" ]; then
		keyfile=$out_dir/verdict.key
		(umask 077 && printf '%s\n' "$INPUT_VERDICT_KEY" >"$keyfile") ||
			die "cannot write the verdict key to $keyfile"
		set -- "$@" --sign-key "$keyfile"
	fi
fi

"$RISKGATE_BIN" "$@"
code=$?
[ -n "${keyfile:-}" ] && rm -f -- "$keyfile"

# The note is kept only once it is on the origin. Another run may have
# pushed notes meanwhile: take theirs, keep ours for this head, try again.
if [ "$WRITE_NOTE" = true ] && { [ "$code" -eq 0 ] || [ "$code" -eq 1 ]; }; then
	pushed=0
	for attempt in 1 2 3; do
		if git push -q origin refs/notes/riskgate >"$out_dir/push.err" 2>&1; then
			pushed=1
			break
		fi
		git fetch -q --no-tags origin "+refs/notes/riskgate:refs/notes/riskgate-origin" >/dev/null 2>&1 &&
			git -c user.name=riskgate -c user.email=riskgate@localhost \
				notes --ref riskgate merge -q -s ours refs/notes/riskgate-origin >/dev/null 2>&1
	done
	git update-ref -d refs/notes/riskgate-origin >/dev/null 2>&1 || :
	if [ "$pushed" -eq 1 ]; then
		note "The verdict is recorded as a note on $head_sha under refs/notes/riskgate."
	else
		annotate warning "the verdict note could not be pushed (give the job 'contents: write'; a fork's pull request cannot push): $(head -c 300 "$out_dir/push.err")"
		note "The verdict note could not be pushed to the origin: $(head -c 300 "$out_dir/push.err")"
	fi
fi

verdict=""
if [ -s "$REPORT" ]; then
	verdict=$(jq -r '.verdict // empty' "$REPORT" 2>/dev/null)
	warnings=$(jq -r '.summary.warnings // 0' "$REPORT" 2>/dev/null)
else
	warnings=0
fi
case "$code" in
0) verdict=${verdict:-pass} ;;
1) verdict=${verdict:-fail} ;;
*) verdict=error ;;
esac
[ -s "$REPORT" ] || REPORT=""

if [ "$complete" -eq 0 ]; then
	msg="the merge base of $base_sha and $head_sha is not in the clone's history, even after fetching more; set 'fetch-depth: 0' on actions/checkout"
	is_shallow || msg="$base_sha and $head_sha have no common history (merge base not found); check the base, or set 'fetch-depth: 0' on actions/checkout"
	annotate error "$msg"
	note "error: $msg"
	# Never a pass on partial history.
	[ "$code" -eq 0 ] || [ "$code" -eq 1 ] && code=3
	verdict=error
fi

if [ "$code" -eq 0 ] && [ "$FAIL_ON" = warning ] && [ "${warnings:-0}" -gt 0 ]; then
	annotate error "$warnings warning(s), and fail-on is 'warning'"
	note "$warnings warning(s) fail the step: fail-on is 'warning'."
	code=1
fi

finish "$code" "$verdict" "$REPORT"
