#!/bin/sh
# Data-driven cases: each directory of testdata/ with a `cmd` file is one
# case. In a fresh directory the case's setup.sh (if any) builds a real git
# repository with the git CLI; then `riskgate $(cat cmd)` runs there and must
# exit with the code in `exit`, print every line of `expect` (fixed strings,
# stdout and stderr together), and, when `expect_json` exists, produce an
# out.json for which every line (a jq filter) is true.
#
# Optional, for hostile input:
# - `reject`: every line is an extended regular expression (after printf %b
#   expansion, so `\0033` is ESC) that must match no line of the output;
#   e.g. a raw escape byte, or a line forged by a newline in a file name.
# - `run.sh` instead of `cmd`: a script run with sh in the case's directory
#   (RISKGATE and CASE in its environment) whose exit status is riskgate's
#   own, for pipelines and closed descriptors.
# - `timeout`: seconds after which the case is killed and fails (scaled by
#   CASE_TIMEOUT_SCALE, e.g. 20 under valgrind).
. "$(dirname "$0")/lib.sh"
TESTDATA=$(cd "$(dirname "$0")/../testdata" && pwd)

ran=0
for dir in "$TESTDATA"/*/; do
	case_name=$(basename "$dir")
	# CASES='attack-*': only the cases whose name matches (tests/run.sh).
	if [ -n "${CASES:-}" ]; then
		# shellcheck disable=SC2254
		case $case_name in $CASES) ;; *) continue ;; esac
	fi
	[ -f "$dir/cmd" ] || [ -f "$dir/run.sh" ] || continue
	ran=$((ran + 1))
	work="$T_ROOT/case-$case_name"
	mkdir -p "$work"
	ok=1
	if [ -f "$dir/setup.sh" ]; then
		if ! (cd "$work" && CASE="$dir" sh "$dir/setup.sh") >"$work/setup.log" 2>&1; then
			fail "$case_name: setup.sh failed: $(tail -n 5 "$work/setup.log")"
			continue
		fi
	fi
	want=$(cat "$dir/exit")
	limit=
	if [ -f "$dir/timeout" ]; then
		limit=$(( $(cat "$dir/timeout") * ${CASE_TIMEOUT_SCALE:-1} ))
	fi
	if [ -f "$dir/run.sh" ]; then
		(cd "$work" && export CASE="$dir" RISKGATE &&
			${limit:+timeout "$limit"} sh "$dir/run.sh") >"$work/out.txt" 2>&1
	else
		args=$(cat "$dir/cmd")
		(cd "$work" && export CASE="$dir" RISKGATE &&
			${limit:+timeout "$limit"} sh -c 'eval "\"\$RISKGATE\" $1"' sh "$args") \
			>"$work/out.txt" 2>&1
	fi
	got=$?
	if [ -n "$limit" ] && [ "$got" = 124 ]; then
		got="124 (killed: not done within $limit s)"
	fi
	if [ "$got" != "$want" ]; then
		fail "$case_name: exit $got, expected $want"
		sed 's/^/    /' "$work/out.txt" | head -n 30 >&2
		ok=0
	fi
	if [ -f "$dir/expect" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			[ -n "$line" ] || continue
			if ! grep -qF -- "$line" "$work/out.txt"; then
				fail "$case_name: output lacks: $line"
				ok=0
			fi
		done <"$dir/expect"
	fi
	if [ -f "$dir/reject" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			[ -n "$line" ] || continue
			if LC_ALL=C grep -qE -- "$(printf '%b' "$line")" "$work/out.txt"; then
				fail "$case_name: output matches what it must not: $line"
				ok=0
			fi
		done <"$dir/reject"
	fi
	if [ -f "$dir/expect_json" ]; then
		if [ ! -f "$work/out.json" ]; then
			fail "$case_name: no out.json written"
			ok=0
		else
			while IFS= read -r filter || [ -n "$filter" ]; do
				[ -n "$filter" ] || continue
				if [ "$(jq -r "$filter" "$work/out.json" 2>&1)" != "true" ]; then
					fail "$case_name: jq '$filter' is not true"
					ok=0
				fi
			done <"$dir/expect_json"
		fi
	fi
	[ "$ok" -eq 1 ] && pass
	if [ "$ok" -ne 1 ] && [ -n "${VERBOSE:-}" ]; then cat "$work/out.txt" >&2; fi
done

# A name that matches no case is a mistake, not a pass of nothing.
[ "$ran" -gt 0 ] || fail "no case of testdata/ matches CASES='${CASES:-}'"

finish cases
