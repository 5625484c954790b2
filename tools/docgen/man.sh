#!/bin/sh
# Writes riskgate's manual pages into OUTDIR/man1 and OUTDIR/man5:
# riskgate(1) and one riskgate-COMMAND(1) per command, each made from what
# the binary prints for --help (help2man.awk), and riskgate-policy(5) made
# from docs/policy.md (md2man.awk). The help and the document stay the one
# source of what the pages say.
#
# usage: tools/docgen/man.sh BINARY OUTDIR
set -eu

bin=$1
out=$2
here=$(dirname "$0")
root=$here/../..

MAN_VERSION=$("$bin" version | sed -n '1s/^riskgate //p')
[ -n "$MAN_VERSION" ] || {
	echo "man.sh: '$bin version' printed no version" >&2
	exit 1
}
export MAN_VERSION MAN_NAME MAN_SECTION MAN_SUMMARY MAN_SEE

# help [COMMAND]: what the binary prints for --help; a failure or an empty
# help stops the build rather than writing an empty page.
help() {
	h=$("$bin" "$@" --help) || {
		echo "man.sh: '$bin $* --help' failed" >&2
		exit 1
	}
	[ -n "$h" ] || {
		echo "man.sh: '$bin $* --help' printed nothing" >&2
		exit 1
	}
	printf '%s\n' "$h"
}
mkdir -p "$out/man1" "$out/man5"

# The commands and their one-line summaries, as the top-level help lists them.
commands=$(help | sed -n '/^commands:$/,/^$/s/^  \([a-z-]*\)  *\(.*\)$/\1	\2/p')
[ -n "$commands" ] || {
	echo "man.sh: '$bin --help' lists no commands" >&2
	exit 1
}

MAN_NAME=riskgate MAN_SECTION=1
MAN_SUMMARY="a merge gate that classifies a git change by risk and checks what each tier requires"
MAN_SEE="$(printf '%s\n' "$commands" | cut -f1 | sed 's/-/\\-/g; s/.*/\\fBriskgate\\-&\\fR(1)/' |
	paste -sd, - | sed 's/,/, /g'), \\fBriskgate\\-policy\\fR(5)"
text=$(help)
printf '%s\n' "$text" | awk -f "$here/roff.awk" -f "$here/help2man.awk" >"$out/man1/riskgate.1"

MAN_SEE='\fBriskgate\fR(1), \fBriskgate\-policy\fR(5)'
printf '%s\n' "$commands" | while IFS='	' read -r cmd summary; do
	MAN_NAME="riskgate-$cmd" MAN_SUMMARY=$summary
	text=$(help "$cmd")
	printf '%s\n' "$text" | awk -f "$here/roff.awk" -f "$here/help2man.awk" >"$out/man1/riskgate-$cmd.1"
done

MAN_NAME=riskgate-policy MAN_SECTION=5
MAN_SUMMARY="the riskgate policy file: tiers, requirements, rules and limits"
MAN_SEE='\fBriskgate\fR(1), \fBriskgate\-policy\fR(1), \fBriskgate\-check\fR(1)'
awk -f "$here/roff.awk" -f "$here/md2man.awk" "$root/docs/policy.md" >"$out/man5/riskgate-policy.5"
