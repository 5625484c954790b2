#!/bin/sh
# Runs the libFuzzer targets built by tests/fuzz/fuzz.mk.
#
#   run.sh fuzz DIR SECONDS NAME...   fuzz each target for SECONDS from a scratch
#                                     copy of its seeds (DIR/corpus/NAME)
#   run.sh regress DIR 0 NAME...      run each target once over its committed seeds
#
# Prints one line per target and, last, "fuzz: N passed, N failed"; exits 1
# when any target crashed, leaked or timed out.
set -u

mode=$1 dir=$2 secs=$3
shift 3

passed=0 failed=0
for name in "$@"; do
	bin=$dir/fuzz_$name
	seeds=tests/fuzz/corpus/$name
	art=$dir/artifacts/$name
	log=$dir/logs/$name.log
	mkdir -p "$art" "$dir/logs"
	set -- -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art/"
	[ -f "tests/fuzz/$name.dict" ] && set -- "$@" -dict="tests/fuzz/$name.dict"

	if [ "$mode" = fuzz ]; then
		corpus=$dir/corpus/$name
		rm -rf "$corpus"
		mkdir -p "$corpus"
		[ -d "$seeds" ] && cp -R "$seeds/." "$corpus/"
		"$bin" "$@" -max_total_time="$secs" "$corpus" >"$log" 2>&1
		rc=$?
	else
		files=$(find "$seeds" -type f 2>/dev/null | sort)
		if [ -z "$files" ]; then
			echo "fuzz: $name: no seeds in $seeds"
			passed=$((passed + 1))
			continue
		fi
		# Files as arguments: each input is run once, nothing is mutated.
		# shellcheck disable=SC2086
		"$bin" "$@" $files >"$log" 2>&1
		rc=$?
	fi

	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	[ -n "$execs" ] || execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
	[ -n "$execs" ] || execs=$(grep -c '^Running: ' "$log")
	if [ "$rc" -eq 0 ]; then
		if [ "$mode" = fuzz ]; then
			n=$(find "$corpus" -type f | wc -l | tr -d ' ')
			echo "fuzz: $name: ok, $execs executions in ${secs}s, corpus $n"
		else
			echo "fuzz: $name: ok, $execs inputs"
		fi
		passed=$((passed + 1))
	else
		crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		# Over the seeds, the failing input is the last one started.
		[ -n "$crash" ] || crash=$(sed -n 's/^Running: //p' "$log" | tail -n 1)
		echo "fuzz: $name: FAILED (exit $rc) after $execs executions; log $log"
		grep -m 3 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | sed 's/^/  /'
		[ -n "$crash" ] && echo "  input: $crash"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
