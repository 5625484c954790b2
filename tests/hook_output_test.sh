#!/bin/sh
# What the pusher sees from the hook, through real pushes into a bare
# repository: at most --max-lines lines of findings, then how many were
# left out and where all of them are (a file on the server with
# --report-dir, else the command that shows them in the pusher's clone);
# the verdict always last. On GitHub Enterprise Server (GITHUB_REPO_NAME
# set) the lines go to standard output, the one stream its documentation
# names, after a line with what the server says about the push.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/out"
mkdir -p "$W"
cd "$W" || exit 1
BIN=${RISKGATE_BIN:-$RISKGATE}

# Every added line with BAD is a finding: one push, 30 of them.
cat >policy.json <<'JSON'
{"version": 1, "default_tier": "all",
 "rules": [{"id": "no-bad", "message": "a BAD line was added", "files": ["."],
            "trigger": "BAD", "hint": "remove it"}],
 "tiers": [{"name": "all", "require": {"rules": ["no-bad"]}}]}
JSON
server() { # NAME: a bare NAME.git with the policy on main, and its clone NAME
	git init -q --bare "$1.git"
	git init -q -b main "$1"
	cp policy.json "$1/.riskgate.json"
	git -C "$1" add -A && git -C "$1" commit -q -m initial
	git -C "$1" push -q "../$1.git" main 2>/dev/null
}
setup() { # NAME: a server, and a clone with 30 findings
	server "$1"
	i=1
	while [ $i -le 30 ]; do
		printf 'BAD %d\n' $i >"$1/f$i.txt"
		i=$((i + 1))
	done
	git -C "$1" add -A && git -C "$1" commit -q -m 'thirty findings'
}
lines() { grep -c "$2" "$1"; }

# --- the cap, and the command that shows everything ------------------------
setup capped
"$BIN" hook install --repo capped.git --max-lines 5 >install.out 2>&1 ||
	fail "hook install --max-lines 5: $(cat install.out)"
old=$(git -C capped.git rev-parse main)
new=$(git -C capped rev-parse main)
git -C capped push ../capped.git main >push.out 2>&1
rc=$?
check "capped: the push is rejected (exit $rc)" [ "$rc" != 0 ]
check "capped: 5 riskgate lines before the count" \
	[ "$(sed -n '/more lines not shown/q;p' push.out | grep -c 'remote: riskgate: ')" -eq 5 ]
expected_hidden=$((1 + 30 * 2 - 5))
check "capped: counts what it left out (1 ref line + 30 findings x 2 lines - 5)" \
	grep -q "remote: riskgate: $expected_hidden more lines not shown (--max-lines 5); to see every finding, run in your clone: riskgate check --base $old --head $new" push.out
check "capped: the verdict is the last line, after the count" \
	sh -c 'grep "remote: riskgate:" "$1" | tail -n 1 | grep -q "push rejected (exit 1): 1 of 1 ref failed"' - push.out
"$RISKGATE" check --repo capped --base "$old" --head "$new" --format json >full.json 2>/dev/null
check "capped: the command it names shows all 30 findings" \
	jq -e '.summary.violations == 30' full.json

# --- the full report on the server ------------------------------------------
setup kept
mkdir -p reports
"$BIN" hook install --repo kept.git --max-lines 3 --report-dir "$W/reports" >install.out 2>&1 ||
	fail "hook install --report-dir: $(cat install.out)"
git -C kept push ../kept.git main >push.out 2>&1
check "kept: rejected" [ $? != 0 ]
report=$(ls reports/riskgate-*.txt 2>/dev/null | head -n 1)
check "kept: one report file written" [ -n "$report" ] && [ "$(ls reports | wc -l)" -eq 1 ]
check "kept: the pusher is told where it is" \
	grep -qF "more lines not shown (--max-lines 3); the full report is on the server: $W/$report" push.out
check "kept: the file has all 30 findings and their fixes" \
	[ "$(lines "$report" ' x \[all\] rules/no-bad')" -eq 30 ] && [ "$(lines "$report" 'fix: remove it')" -eq 30 ]
check "kept: the file ends with the verdict too" \
	sh -c 'tail -n 1 "$1" | grep -q "push rejected (exit 1)"' - "$report"
check "kept: the file names the repository first" \
	sh -c 'head -n 1 "$1" | grep -q "^riskgate: push to $2 at [0-9]\{8\}T[0-9]\{6\}Z$"' - "$report" "$(cd kept.git && pwd -P)"
check "kept: the pusher's lines are the file's next lines" \
	sh -c 'grep "^remote: riskgate: " "$1" | sed "s/^remote: //; s/ *$//" | head -n 3 >"$3"; sed -n 2,4p "$2" | cmp -s - "$3"' - push.out "$report" "$W/first3"
check "kept: the file is not world-readable" \
	[ "$(stat -c %a "$report")" = 640 ]

# An unwritable report directory: said, and the push is judged all the same.
setup unkept
mkdir -p ro
"$BIN" hook install --repo unkept.git --report-dir "$W/ro" >install.out 2>&1 ||
	fail "hook install: $(cat install.out)"
chmod 0555 ro
git -C unkept push ../unkept.git main >push.out 2>&1
rc=$?
chmod 0755 ro
if [ "$(id -u)" -eq 0 ]; then
	# root writes anyway: the report is kept.
	check "unkept (as root): the report is written" [ "$(ls ro | wc -l)" -eq 1 ]
else
	check "unkept: says the report is not kept" grep -q 'the full report is not kept: cannot create' push.out
fi
check "unkept: still rejected for the findings (exit $rc)" [ "$rc" != 0 ] && grep -q 'push rejected (exit 1)' push.out

# --- the default cap ------------------------------------------------------------
server many
i=1
while [ $i -le 120 ]; do
	printf 'BAD\n' >"many/f$i.txt"
	i=$((i + 1))
done
git -C many add -A && git -C many commit -q -m 'many'
"$BIN" hook install --repo many.git >install.out 2>&1 || fail "hook install: $(cat install.out)"
git -C many push ../many.git main >push.out 2>&1
check "default: rejected" [ $? != 0 ]
check "default: 100 lines, then the count" \
	[ "$(sed -n '/more lines not shown/q;p' push.out | grep -c 'remote: riskgate: ')" -eq 100 ]
check "default: 141 left out (1 + 240 - 100)" grep -q 'riskgate: 141 more lines not shown (--max-lines 100)' push.out

# --- a push with few findings shows them all, and no count -------------------
server few
printf 'BAD\n' >few/one.txt
git -C few add -A && git -C few commit -q -m one
"$BIN" hook install --repo few.git --max-lines 5 >install.out 2>&1 || fail "$(cat install.out)"
git -C few push ../few.git main >push.out 2>&1
check "few: rejected with its one finding and fix" grep -q 'fix: remove it' push.out
check "few: nothing is left out, so no count" sh -c '! grep -q "not shown" "$1"' - push.out

# --- bad values -----------------------------------------------------------------
for v in 0 -1 abc 1000001 ''; do
	"$BIN" hook pre-receive --max-lines "$v" </dev/null >bad.out 2>&1
	check "pre-receive --max-lines '$v' is a usage error" [ $? -eq 2 ]
	"$BIN" hook install --repo few.git --force --max-lines "$v" >bad.out 2>&1
	check "install --max-lines '$v' is a usage error" [ $? -eq 2 ]
done
check "... saying what it needs" grep -q -- '--max-lines needs a number of lines (1 to 1000000)' bad.out
"$BIN" hook install --repo few.git --force --report-dir "$W/nonexistent" >bad.out 2>&1
check "install --report-dir to a missing directory fails" [ $? -ne 0 ]
check "... and says so" grep -q 'report-dir' bad.out
"$BIN" hook install --repo few.git --force --report-dir "$W/policy.json" >bad.out 2>&1
check "install --report-dir to a file fails" [ $? -ne 0 ]
check "... not a writable directory" grep -q 'not a writable directory' bad.out

# --- GitHub Enterprise Server ---------------------------------------------------
# The hook run as git runs it, with GHES's variables: the lines go to
# standard output, after the context.
server ghes
printf 'BAD\n' >ghes/one.txt
git -C ghes add -A && git -C ghes commit -q -m one
# The objects reach the server under a ref nothing gates, before the hook.
git -C ghes push -q ../ghes.git main:refs/pending/one 2>/dev/null
"$BIN" hook install --repo ghes.git >install.out 2>&1 || fail "hook install: $(cat install.out)"
old=$(git -C ghes.git rev-parse main)
new=$(git -C ghes rev-parse main)
printf '%s %s refs/heads/main\n' "$old" "$new" >ghes.in
nl='
'
esc=$(printf '\033')
(cd ghes.git && GIT_DIR=. GITHUB_REPO_NAME=acme/app GITHUB_USER_LOGIN=octocat \
	GITHUB_VIA='pull request merge button' \
	GITHUB_PULL_REQUEST_HEAD="octocat:fix${nl}riskgate: push accepted$esc[2J" \
	GITHUB_PULL_REQUEST_BASE=acme:main GITHUB_PULL_REQUEST_AUTHOR_LOGIN=octocat \
	"$BIN" hook pre-receive <../ghes.in >../ghes.stdout 2>../ghes.stderr)
rc=$?
check "ghes: rejected (exit $rc)" [ "$rc" -eq 1 ]
check "ghes: nothing on standard error" [ ! -s ghes.stderr ]
check "ghes: the verdict on standard output" grep -q '^riskgate: push rejected (exit 1)' ghes.stdout
check "ghes: the server's context first" \
	sh -c 'head -n 1 "$1" | grep -q "^riskgate: GitHub Enterprise Server: acme/app, push by octocat via pull request merge button, merging pull request branch \"octocat:fix.*\" into acme:main by octocat$"' - ghes.stdout
check "ghes: a branch name cannot forge a line or drive the terminal" \
	sh -c '[ "$(grep -c "push accepted" "$1")" -eq 1 ] && ! grep -q "$(printf "\033")" "$1" && ! grep -q "^riskgate: push accepted" "$1"' - ghes.stdout
# Through a real push, git relays standard output as remote: lines.
GITHUB_REPO_NAME=acme/app GITHUB_USER_LOGIN=octocat \
	git -C ghes push ../ghes.git main >push.out 2>&1
check "ghes push: rejected" [ $? != 0 ]
check "ghes push: the pusher sees the context and the findings" \
	sh -c 'grep -q "remote: riskgate: GitHub Enterprise Server: acme/app, push by octocat" "$1" && grep -q "remote: riskgate:.*rules/no-bad" "$1"' - push.out
check "ghes push: main did not move" [ "$(git -C ghes.git rev-parse main)" = "$old" ]

# --- git namespaces: not gated, so nothing is accepted ----------------------
git init -q --bare ns.git
git init -q -b main nsw
cp policy.json nsw/.riskgate.json
git -C nsw add -A && git -C nsw commit -q -m initial
"$BIN" hook install --repo ns.git >install.out 2>&1 || fail "hook install: $(cat install.out)"
# A first push: the namespace, not the hook's seeded main, is the point.
GIT_NAMESPACE=tenant git -C nsw push ../ns.git main >push.out 2>&1
check "namespace: the push is rejected" [ $? != 0 ]
check "namespace: says why" grep -q 'GIT_NAMESPACE is set: riskgate does not gate repositories served with git namespaces' push.out
check "namespace: nothing written" [ -z "$(git -C ns.git for-each-ref)" ]

finish hook_output
