#!/bin/sh
# After a suite run under tests/valgrind.sh: one check per process that ran
# under valgrind; a process whose log holds a report of valgrind's (lines
# "==PID== ...") failed, and its log is printed with the command. Also
# fails when no process ran under valgrind at all.
. "$(dirname "$0")/lib.sh"
: "${VG_LOG_DIR:?}"
n=0
for log in "$VG_LOG_DIR"/vg.*.log; do
	[ -f "$log" ] || continue
	n=$((n + 1))
	if grep -q '^==[0-9][0-9]*==' "$log"; then
		fail "valgrind reported errors ($(basename "$log")):"
		{ grep '^==command==' "$log"; head -n 80 "$log"; } >&2
	else
		pass
	fi
done
[ "$n" -gt 0 ] || fail "no process ran under valgrind"
finish valgrind
