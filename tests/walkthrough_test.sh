#!/bin/sh
# Failure-mode answers (docs/walkthrough.md) where there is no pull request
# description: a real `git push` into a bare repository with the
# pre-receive hook installed, where only commit messages can answer; and
# the same questions asked through `check --description -`.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/walkthrough"
mkdir -p "$W"
cd "$W" || exit 1

cat >policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "tiers": [
    {"name": "critical", "paths": ["(^|/)jobs/"], "require": {"walkthrough": ["runs-twice", "failure-visible"]}},
    {"name": "low", "paths": []}
  ]
}
JSON

git init -q --bare srv.git
git init -q -b main w
cp policy.json w/.riskgate.json
printf 'app\n' >w/README
git -C w add -A && git -C w commit -q -m initial
git -C w remote add origin ../srv.git
git -C w push -q origin main 2>/dev/null
"$RISKGATE" hook install --repo srv.git >out 2>&1
check "install" test -x srv.git/hooks/pre-receive

# An unanswered change to the critical tier is refused, and the hint says
# where the answer goes on a push: a commit message.
mkdir -p w/jobs
printf 'def refund(order):\n    pay(order)\n' >w/jobs/refund.py
git -C w add -A && git -C w commit -q -m "Refund job"
git -C w push origin main >out 2>&1
rc=$?
check "unanswered: push refused" test "$rc" -ne 0
check "unanswered: main did not move" test "$(git -C srv.git rev-parse main)" != "$(git -C w rev-parse main)"
check "unanswered: names the question" grep -qF 'walkthrough/runs-twice: "What happens if this runs twice?" is not answered' out
check "unanswered: the hint is a commit message" grep -qF 'to a commit message of the change and answer it below' out
check "unanswered: no option to pass on a push" sh -c '! grep -qF -- "--description" out'

# A placeholder in the message does not pass either.
git -C w commit -q --amend -m "Refund job" -m "What happens if this runs twice?
N/A" -m "How is a failure seen in production?
TODO"
git -C w push origin main >out 2>&1
check "placeholders: push refused" test "$?" -ne 0
check "placeholders: said so" grep -qF 'its section says nothing' out

# Answered in the commit message: accepted.
git -C w commit -q --amend -m "Refund job" -m "What happens if this runs twice?
refund() checks the order's refund marker first and returns without paying
when it is set." -m "How is a failure seen in production?
A failed payment logs the order id at error level and counts in
refunds_failed_total." -m "Signed-off-by: Dana Developer <dana@example.com>"
git -C w push origin main >out 2>&1
rc=$?
check "answered: push accepted" test "$rc" -eq 0
check "answered: main moved" test "$(git -C srv.git rev-parse main)" = "$(git -C w rev-parse main)"

# The same questions through check: the description on standard input.
git -C w checkout -q -b feature
printf 'def retry(job):\n    run(job)\n' >w/jobs/retry.py
git -C w add -A && git -C w commit -q -m "Retry job"
printf '## What happens if this runs twice?\nThe job id is a unique key, so the second insert fails and the run stops.\n## How is a failure seen in production?\nAn error log line with the job id and jobs_failed_total.\n' |
	"$RISKGATE" check --repo w --base main --head feature --description - --format json >out.json 2>err
rc=$?
check "check --description -: passes" test "$rc" -eq 0
check "check --description -: answers kept" sh -c \
	'[ "$(jq -r "[.walkthrough[] | select(.status == \"answered\") | .source] | unique | .[]" out.json)" = description ]'
"$RISKGATE" check --repo w --base main --head feature --description - </dev/null >out 2>&1
check "check --description - (empty): fails" test "$?" -eq 1
check "check --description - (empty): says how" grep -qF 'to the pull request description (or to a commit message)' out

finish walkthrough
