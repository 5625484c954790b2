#!/bin/sh
# Runs a program under valgrind's memcheck for the test suite: with
# VG_BIN set, that binary (so the suite can use this script as $RISKGATE);
# otherwise the program named by the first argument. Each run writes its
# own log to $VG_LOG_DIR; tests/valgrind_check.sh fails on any log in which
# valgrind reported something.
#
# Every error counts: invalid reads and writes, uses of uninitialised
# values, and definite or indirect leaks. The binary must be built with
# -DGATE_REGEX_NO_JIT (make VALGRIND=1): PCRE2's JIT code reads whole
# vectors past short subjects, which memcheck cannot tell from a bug.
: "${VG_LOG_DIR:?}"
if [ -n "${VG_BIN:-}" ]; then
	set -- "$VG_BIN" "$@"
fi
# A test that runs with a standard stream closed checks how the binary
# copes with that; valgrind would take the free descriptor for its log and
# change what the test sees, so such a run goes without it.
# (A dup of a closed descriptor fails; with fd 2 closed its message goes
# nowhere, so that test needs no redirection.)
if ! (exec 3<&0) 2>/dev/null || ! (exec 3>&1) 2>/dev/null || ! (exec 3>&2); then
	exec "$@"
fi
log="$VG_LOG_DIR/vg.$$.log"
valgrind -q --tool=memcheck --error-exitcode=97 \
	--leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect \
	--num-callers=30 --suppressions="$(dirname "$0")/valgrind.supp" \
	--log-file="$log" "$@"
rc=$?
if [ -s "$log" ]; then
	printf '==command== %s\n' "$*" >>"$log"
else
	: >"$log"
fi
exit "$rc"
