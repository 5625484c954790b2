#!/bin/sh
# Proves that two riskgate binaries behave the same: runs every testdata/
# case and the `make run` demonstration with each, and compares exit code,
# stdout, stderr and every report file written, byte for byte. For a change
# meant to preserve behaviour (a refactoring), run it with the binary built
# from the commit before the change as OLD and the new one as NEW.
#
#   sh tools/compare_reports.sh OLD_BINARY NEW_BINARY
#   CASES='attack-*' sh tools/compare_reports.sh OLD NEW   (only those cases;
#                                                  CASES=demo: the demonstration)
#
# Prints each difference and "N cases compared, M differ"; exits 1 when any
# differ, 2 on a usage or setup error.
#
# So that the two runs see exactly the same input, each case's setup.sh runs
# once (with the test suite's fixed identities and dates), and each binary
# then runs on its own copy of that one result, at the same path. The binary
# under test is copied to the same path too (bin/riskgate under the work
# directory), because some outputs name it (the hook installer writes the
# binary's own path, read from /proc/self/exe).
#
# Normalisations, applied to both sides alike before comparing, and nothing
# else:
#   - "<N> ms" and "<N>ms" become "<T> ms" / "<T>ms": wall-clock timings
#     (e.g. "decided in 12 ms") differ from run to run.
#   - JSON "duration_ms"/"elapsed_ms" numbers become 0, for the same reason.
# Run it with the same binary twice (OLD OLD) to see that these suffice:
# it must report 0 differences.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 OLD_BINARY NEW_BINARY" >&2
	exit 2
fi
for b in "$1" "$2"; do
	if [ ! -x "$b" ]; then
		echo "$0: not an executable: $b" >&2
		exit 2
	fi
done
OLD=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
NEW=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
SRC=$(cd "$(dirname "$0")/.." && pwd)
TESTDATA=$SRC/testdata

W=$(mktemp -d "${TMPDIR:-/tmp}/riskgate-compare.XXXXXX")
[ -n "${KEEP_COMPARE_DIR:-}" ] || trap 'rm -rf "$W"' EXIT
mkdir -p "$W/bin" "$W/home" "$W/out"

# The environment of tests/lib.sh: no user configuration, fixed identities
# and dates, so that setup is reproducible.
export HOME="$W/home"
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL="$HOME/.gitconfig"
export GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.com"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.com"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
git config --global init.defaultBranch main
git config --global protocol.file.allow always
unset GIT_DIR GIT_WORK_TREE NO_COLOR
RISKGATE=$W/bin/riskgate
export RISKGATE

normalise() {
	sed -E -e 's/[0-9]+( ?)ms\b/<T>\1ms/g' \
	       -e 's/("(duration|elapsed)_ms"[[:space:]]*:[[:space:]]*)[0-9]+/\10/g' "$1"
}

# run_one SIDE CASE_DIR: runs the case in $W/run (a fresh copy of the
# prepared directory) and files its results under $W/out/SIDE/.
run_one() {
	side=$1
	dir=$2
	res="$W/out/$side"
	rm -rf "$W/run" "$res"
	mkdir -p "$res"
	cp -a "$W/prepared" "$W/run"
	limit=
	[ -f "$dir/timeout" ] && limit=$(cat "$dir/timeout")
	if [ -f "$dir/run.sh" ]; then
		(cd "$W/run" && export CASE="$dir" &&
			${limit:+timeout "$limit"} sh "$dir/run.sh") >"$res/stdout" 2>"$res/stderr"
	else
		args=$(cat "$dir/cmd")
		(cd "$W/run" && export CASE="$dir" &&
			${limit:+timeout "$limit"} sh -c 'eval "\"\$RISKGATE\" $1"' sh "$args") \
			>"$res/stdout" 2>"$res/stderr"
	fi
	echo $? >"$res/exit"
	# Every file the run left at the top of its directory that setup did
	# not (or that it changed): out.json and the other report files.
	for f in "$W/run"/* "$W/run"/.[!.]*; do
		[ -f "$f" ] || continue
		fname=$(basename "$f")
		if [ -f "$W/prepared/$fname" ] && cmp -s "$f" "$W/prepared/$fname"; then
			continue
		fi
		cp "$f" "$res/file-$fname"
	done
	for f in "$res"/*; do
		normalise "$f" >"$f.n" && mv "$f.n" "$f"
	done
}

compared=0
differ=0

# compare NAME: compares $W/out/old with $W/out/new.
compare() {
	compared=$((compared + 1))
	if ! d=$(diff -r "$W/out/old" "$W/out/new" 2>&1); then
		differ=$((differ + 1))
		printf 'DIFFER %s\n' "$1"
		printf '%s\n' "$d" | head -n 40 | sed 's/^/    /'
	fi
}

for dir in "$TESTDATA"/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	if [ -n "${CASES:-}" ]; then
		# shellcheck disable=SC2254
		case $name in $CASES) ;; *) continue ;; esac
	fi
	[ -f "$dir/cmd" ] || [ -f "$dir/run.sh" ] || continue
	rm -rf "$W/prepared"
	mkdir -p "$W/prepared"
	if [ -f "$dir/setup.sh" ]; then
		# setup.sh may call the binary; it sees OLD, and both sides get
		# the same result.
		cp "$OLD" "$RISKGATE"
		if ! (cd "$W/prepared" && CASE="$dir" sh "$dir/setup.sh") >"$W/setup.log" 2>&1; then
			echo "$0: $name: setup.sh failed:" >&2
			tail -n 5 "$W/setup.log" >&2
			exit 2
		fi
	fi
	cp "$OLD" "$RISKGATE"
	run_one old "$dir"
	cp "$NEW" "$RISKGATE"
	run_one new "$dir"
	compare "$name"
done

# The demonstration of `make run`, with fixed dates so that both runs see
# the same commits, and then the JSON report of each of its two checks.
# (CASES='demo' runs only it.)
# shellcheck disable=SC2254
case demo in ${CASES:-demo})
	demo_side() {
		side=$1
		res="$W/out/$side"
		rm -rf "$W/demo" "$res"
		mkdir -p "$W/demo" "$res"
		(cd "$W/demo" && sh "$SRC/tools/demo.sh" "$RISKGATE") >"$res/stdout" 2>"$res/stderr"
		echo $? >"$res/exit"
		(cd "$W/demo/build/demo" &&
			"$RISKGATE" check --base main --head feature --json "$res/feature.json"
			echo $? >"$res/feature.exit"
			"$RISKGATE" check --base main --head feature-fixed --author dana \
				--approvals ../demo-reviews.json --teams ../demo-teams.json \
				--json "$res/feature-fixed.json"
			echo $? >"$res/feature-fixed.exit") >/dev/null 2>&1
		for f in "$res"/*; do
			normalise "$f" >"$f.n" && mv "$f.n" "$f"
		done
	}
	cp "$OLD" "$RISKGATE"
	demo_side old
	cp "$NEW" "$RISKGATE"
	demo_side new
	compare "demo (make run)"
	;;
esac

echo "$compared cases compared, $differ differ"
[ "$differ" -eq 0 ]
