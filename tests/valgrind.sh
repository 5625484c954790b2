#!/bin/sh
# Runs a program under valgrind's memcheck for the test suite: with
# VG_BIN set, that binary (so the suite can use this script as $RISKGATE);
# otherwise the program named by the first argument. Each process writes
# its own log to $VG_LOG_DIR; -q leaves a clean run's log empty, so
# tests/valgrind_check.sh fails on any log with something in it.
#
# Every error counts: invalid reads and writes, uses of uninitialised
# values, and definite or indirect leaks. The binary must be built with
# -DGATE_REGEX_NO_JIT (make VALGRIND=1): PCRE2's JIT code reads whole
# vectors past short subjects, which memcheck cannot tell from a bug.
: "${VG_LOG_DIR:?}"
if [ -n "${VG_BIN:-}" ]; then
	set -- "$VG_BIN" "$@"
fi
exec valgrind -q --tool=memcheck --error-exitcode=97 \
	--leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect \
	--num-callers=30 --log-file="$VG_LOG_DIR/vg.%p.log" "$@"
