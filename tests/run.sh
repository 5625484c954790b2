#!/bin/sh
# Runs the suite: every unit-test program, then every shell suite
# (tests/*_test.sh, including the data-driven cases of testdata/), JOBS of
# them at a time (default: the number of processors). Prints one line per
# suite, in a fixed order, with its time, and a closing "N passed, N
# failed" total. A suite's name is its file's: "cases" is
# tests/cases_test.sh, "test_change" is tests/unit/test_change.c.
#
#   T="cases hook"   run only these suites (names, space-separated)
#   CASES='attack-*' within "cases", only the testdata/ cases matching it
#
# With VG_LOG_DIR set, the unit programs run under tests/valgrind.sh too
# (the caller points RISKGATE at it), and a last "valgrind" line counts the
# processes it saw.
set -u
: "${RISKGATE:?}" "${UNIT_DIR:?}"
export RISKGATE
cd "$(dirname "$0")/.."

total_pass=0
total_fail=0
broken=0
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

wanted() {
	[ -z "${T:-}" ] && return 0
	for w in $T; do
		[ "$w" = "$1" ] && return 0
	done
	return 1
}

# The suites, longest first so that the pool stays busy: "unit NAME PATH"
# or "shell NAME PATH" lines.
list="$out/list"
: >"$list"
for t in tests/cases_test.sh tests/policies_test.sh tests/trailers_test.sh tests/*_test.sh; do
	[ -f "$t" ] || continue
	n=$(basename "$t" _test.sh)
	grep -q "^shell $n " "$list" && continue
	wanted "$n" && echo "shell $n $t" >>"$list"
done
for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	wanted "$n" && echo "unit $n $t" >>"$list"
done
if [ -n "${T:-}" ]; then
	for w in $T; do
		grep -q " $w " "$list" || { echo "no suite named '$w'"; exit 2; }
	done
fi

# One suite: its output in $out/NAME.out, exit code and seconds in $out/NAME.rc.
cat >"$out/one.sh" <<'EOF'
kind=$1 name=$2 path=$3 dir=$OUT_DIR
start=$(date +%s)
if [ "$kind" = unit ]; then
	if [ -n "${VG_LOG_DIR:-}" ]; then
		VG_BIN= sh tests/valgrind.sh "$path" >"$dir/$name.out" 2>&1
	else
		"$path" >"$dir/$name.out" 2>&1
	fi
else
	sh "$path" >"$dir/$name.out" 2>&1
fi
rc=$?
echo "$rc $(( $(date +%s) - start ))" >"$dir/$name.rc"
EOF
export CASES="${CASES:-}" OUT_DIR="$out"
xargs -P "$jobs" -L 1 sh "$out/one.sh" <"$list"

account() {
	# $1: the suite's name, $2: its output file, $3: its exit code, $4: seconds
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
	echo "$1: $p passed, $f failed ($4 s)"
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$1: exited $3 with no failure counted"
		broken=$((broken + 1))
	fi
	if [ "$f" -ne 0 ] || [ "$3" -ne 0 ]; then
		grep -v -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed$' "$2" | tail -n 60
	fi
}

for kind in unit shell; do
	sort -k2,2 "$list" | while read -r k name path; do
		[ "$k" = "$kind" ] || continue
		echo "$name"
	done >"$out/order.$kind"
done
for name in $(cat "$out/order.unit" "$out/order.shell"); do
	if [ ! -f "$out/$name.rc" ]; then
		echo "$name: did not run"
		broken=$((broken + 1))
		continue
	fi
	read -r rc secs <"$out/$name.rc"
	account "$name" "$out/$name.out" "$rc" "$secs"
done
# Under valgrind (make VALGRIND=1 test-quick), every process it watched.
if [ -n "${VG_LOG_DIR:-}" ]; then
	start=$(date +%s)
	sh tests/valgrind_check.sh >"$out/valgrind.out" 2>&1
	account valgrind "$out/valgrind.out" $? $(( $(date +%s) - start ))
fi

echo
if [ "$broken" -ne 0 ]; then
	echo "$broken suite(s) broke without a result"
	total_fail=$((total_fail + broken))
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
