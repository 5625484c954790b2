#!/bin/sh
# Data-driven cases: each directory of testdata/ with a `cmd` file is one
# case. In a fresh directory the case's setup.sh (if any) builds a real git
# repository with the git CLI; then `riskgate $(cat cmd)` runs there and must
# exit with the code in `exit`, print every line of `expect` (fixed strings,
# stdout and stderr together), and, when `expect_json` exists, produce an
# out.json for which every line (a jq filter) is true.
. "$(dirname "$0")/lib.sh"
TESTDATA=$(cd "$(dirname "$0")/../testdata" && pwd)

for dir in "$TESTDATA"/*/; do
	case_name=$(basename "$dir")
	[ -f "$dir/cmd" ] || continue
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
	args=$(cat "$dir/cmd")
	(cd "$work" && CASE="$dir" eval "\"\$RISKGATE\" $args") >"$work/out.txt" 2>&1
	got=$?
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

finish cases
