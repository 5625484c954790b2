#!/bin/sh
# Runs the whole suite: every unit-test program, then every shell suite
# (tests/*_test.sh, including the data-driven cases of testdata/). Prints one
# line per suite and a closing "N passed, N failed" total. With VG_LOG_DIR
# set, the unit programs run under tests/valgrind.sh too (the caller points
# RISKGATE at it), and a last "valgrind" line counts the processes it saw.
set -u
: "${RISKGATE:?}" "${UNIT_DIR:?}"
export RISKGATE
cd "$(dirname "$0")/.."

total_pass=0
total_fail=0
broken=0

account() {
	# $1: the suite's name, $2: its output file, $3: its exit code
	line=$(grep -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed$' "$2" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$1: no result line (exit $3)"
		cat "$2"
		broken=$((broken + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/^.*: ([0-9]+) passed, ([0-9]+) failed$/\1/')
	f=$(echo "$line" | sed -E 's/^.*: ([0-9]+) passed, ([0-9]+) failed$/\2/')
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	echo "$line"
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$1: exited $3 with no failure counted"
		broken=$((broken + 1))
	fi
	if [ "$f" -ne 0 ] || [ "$3" -ne 0 ]; then
		grep -v -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed$' "$2" | tail -n 60
	fi
}

out=$(mktemp)
for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	if [ -n "${VG_LOG_DIR:-}" ]; then
		VG_BIN= sh tests/valgrind.sh "$t" >"$out" 2>&1
	else
		"$t" >"$out" 2>&1
	fi
	account "$(basename "$t")" "$out" $?
done
for t in tests/*_test.sh; do
	[ -f "$t" ] || continue
	sh "$t" >"$out" 2>&1
	account "$(basename "$t")" "$out" $?
done
# Under valgrind (make VALGRIND=1 test-quick), every process it watched.
if [ -n "${VG_LOG_DIR:-}" ]; then
	sh tests/valgrind_check.sh >"$out" 2>&1
	account valgrind "$out" $?
fi
rm -f "$out"

echo
if [ "$broken" -ne 0 ]; then
	echo "$broken suite(s) broke without a result"
	total_fail=$((total_fail + broken))
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
