#!/bin/sh
# git as the oracle for trailers: thousands of commit messages (hand-picked
# edge cases, realistic messages and random mixtures of titles, bodies,
# trailer-like lines, continuations, comments, scissors, CRLF, NUL, long
# lines) are stored raw as commits, and riskgate must read from each exactly
# the trailers that `git log --format='%(trailers:only,unfold)'` prints.
# Every message goes through riskgate's parser in one process (the batch
# mode of the unit-test program, $UNIT_DIR/test_trailers --git-format), and
# a sixth of them, all hand-picked and realistic ones included, through
# `riskgate trailers` itself: one process per message is too slow under
# sanitizers for all of them. Without $UNIT_DIR, all go through riskgate.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

RANDOM_MESSAGES=${TRAILERS_MESSAGES:-3200}
CLI_EVERY=${TRAILERS_CLI_EVERY:-6}
DRIVER="${UNIT_DIR:-}/test_trailers"
[ -n "${UNIT_DIR:-}" ] && [ -x "$DRIVER" ] || { DRIVER=; CLI_EVERY=1; }
SEED=${TRAILERS_SEED:-20260101}
JOBS=$(nproc 2>/dev/null || echo 2)
W="$T_ROOT/trailers"
mkdir -p "$W/msg" "$W/obj"
git init -q "$W/repo" && cd "$W/repo" || exit 1
TREE=$(git mktree </dev/null)

# add MESSAGE [REST]: stores one message; with REST, the message is
# MESSAGE, a NUL byte (which a shell variable cannot hold) and REST.
n=0
add() {
	local hdr
	n=$((n + 1))
	printf -v hdr 'tree %s\nauthor A U Thor <author@example.com> %d +0000\ncommitter C O Mitter <committer@example.com> %d +0000\n\n' \
		"$TREE" $((1700000000 + n)) $((1700000000 + n))
	if [ $# -gt 1 ]; then
		printf '%s\0%s' "$1" "$2" >"$W/msg/$n"
		printf '%s%s\0%s' "$hdr" "$1" "$2" >"$W/obj/$n"
	else
		printf '%s' "$1" >"$W/msg/$n"
		printf '%s%s' "$hdr" "$1" >"$W/obj/$n"
	fi
}

SOB="Signed-off-by: A U Thor <author@example.com>"
CP="(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)"
SCISSORS="# ------------------------ >8 ------------------------"
printf -v LONG '%*s' 70000 ''
LONG=${LONG// /ab}
SHORTLONG=${LONG:0:4000}

# Hand-picked edge cases, one per behaviour of git's algorithm.
edge=(
	# the title is never trailers; the block is the last paragraph
	$'Key: v\n' $'Key: v\nK2: w\n' $'title\n\nKey: v\n' $'title\nKey: v\n\nK2: w\n'
	$'title\n\nKey: v\n\nK2: w\n' $'\n\nKey: v\n' $'\n\ntitle\n\nKey: v\n' $' \t\n\r\n\ntitle\n\nKey: v\n'
	$'# c\nKey: v\n\nK2: w\n' $'# c\n\nKey: v\n' $'title\n# c\n\nKey: v\n' $'title\n\n\n\nKey: v\n'
	'' $'\n' $'\n\n  \n' $'title' $'title\n' $'title\n\n' $'title\n\nKey: v' $'title\n\n\nKey: v\n\n\n'
	# all trailers, or a git-generated prefix and at least 25% trailers
	$'title\n\nKey: a\nbody\n' $'title\n\n'"$SOB"$'\nb1\nb2\nb3\n' $'title\n\n'"$SOB"$'\nb1\nb2\nb3\nb4\n'
	$'title\n\nb1\n'"$SOB"$'\nb2\nb3\nKey: v\nb4\nb5\n' $'title\n\n'"$CP"$'\nb1\nb2\n'
	$'title\n\n(cherry picked from commit \nb1\n' $'title\n\n(cherry picked from commit\nKey: v\n'
	$'title\n\nSigned-off-by:x\nb1\n' $'title\n\nSigned-off-by :x\nb1\n' $'title\n\nsigned-off-by: x\nb1\n'
	$'title\n\n'"$SOB"$'\nbody\n  c1\n  c2\n' $'title\n\n'"$SOB"$'\nbody\n  c1\n  c2\n  c3\n'
	$'title\n\n  lead\n'"$SOB"$'\n' $'title\n\n  lead\nKey: a\n' $'title\n\nKey: a\n  c1\n  c2\n  c3\n'
	# continuation lines fold into the value above them
	$'title\n\nKey: a\n  b\n\tc\nK2: d\n' $'title\n\nKey:\n  b\n' $'title\n\nKey: a\n  \nK2: b\n'
	$'title\n\nKey: a\n   \n' $'title\n\nKey: a\n \t\n\n' $'title\n\nKey: a\n\r\n' $'title\n\nKey: a\n\n\r\n'
	$'title\n\nbody: x\nnot a trailer\n  cont\n' $'title\n\n'"$SOB"$'\nnot a trailer\n  cont: x\n'
	$'title\n\nKey: a\n  b: c\n' $'title\n\nKey: a\r\n b\r\n' $'title\n\nKey: a\n\n  b\n'
	# comment lines count as neither trailers nor text
	$'title\n\nKey: a\n# c\nK2: b\n' $'title\n\nKey: a\n  c\n# x\n  d\nK: b\n' $'title\n\n# only comments\n# here\n'
	$'title\n\nKey: a\n#K2: b\n' $'title\n\n#Key: a\n' $'title\n\nKey: a\n\n# trailing comment\n\n'
	# scissors: everything from the line on is ignored
	$'title\n\nKey: v\n'"$SCISSORS"$'\nK2: w\n' "$SCISSORS"$'\ntitle\n\nKey: v\n' $'title\n\nKey: v\n'"$SCISSORS"
	$'title\n\nKey: v\n'"$SCISSORS"$' \nK2: w\n' $'title\n\nKey: v\n'"$SCISSORS"$'\r\nK2: w\n'
	$'title\n\nKey: v\n\n'"$SCISSORS"$'\n\nK2: w\n' $'title\n\nKey: v\n '"$SCISSORS"$'\nK2: w\n'
	$'title\n\nKey: v\n;'"${SCISSORS#\#}"$'\nK2: w\n'
	# the "---" divider is not special for git log
	$'title\n\nKey: v\n---\n' $'title\n\nKey: v\n---\nK2: w\n' $'title\n\n'"$SOB"$'\n---\nK2: w\n'
	$'title\n\n'"$SOB"$'\n--- \n file | 1 +\n' $'title\n---\n\nKey: v\n' $'title\n\n---\nKey: v\n'
	# old-style "Conflicts:" blocks at the end are not part of the message
	$'title\n\nKey: v\nConflicts:\n\tfile.c\n' $'title\n\nKey: v\n\nConflicts:\n\ta.c\n\tb.c\n'
	$'title\n\nKey: v\nConflicts:\n\ta.c\nmore\n' $'title\n\nKey: v\nConflicts:\r\n\ta.c\n'
	$'title\n\nKey: v\nConflicts:\n  a.c\n' $'title\n\nKey: v\n# Conflicts:\n#\ta.c\n'
	$'Conflicts:\n\ta\n\nKey: v\n' $'title\n\nConflicts:\n\tKey: v\n'
	# git's whitespace is space, TAB, LF and CR only: VT and FF are text
	$'title\n\nKey: v\n\v\n' $'title\n\nKey: v\n\f\n' $'title\n\nKey: v\n\vcont\n' $'title\n\nKey: a\vb\n'
	$'title\n\v\nKey: v\n' $'title\n\nKey\v: v\n' $'title\n\nKey: \v\n' $'\v\n\ntitle\n\nKey: v\n'
	# what a token may be
	$'title\n\nKey:value\n' $'title\n\nkey : value\n' $'title\n\nKey\t: v\n' $'title\n\nKey \t : v\n'
	$'title\n\nTwo words: v\n' $'title\n\nKey x: v\n' $'title\n\n: v\n' $'title\n\n -: v\n'
	$'title\n\n-: v\n' $'title\n\n--: v\n' $'title\n\n123: v\n' $'title\n\nKey_u: v\n' $'title\n\nKey.d: v\n'
	$'title\n\nSchl\xc3\xbcssel: v\n' $'title\n\nKey: v\xc3\xa4lue \xe2\x9c\x93\n' $'title\n\nhttp://example.com\n'
	$'title\n\nhttps://example.com:8080/x: y\n' $'title\n\nBug #43\n' $'title\n\nkey=value\n'
	$'title\n\nKey:: v\n' $'title\n\nKey: a: b\n' $'title\n\nKey:\n' $'title\n\nKey: \n' $'title\n\nKey:   \t\n'
	$'title\n\nKey:\tv\t\n' $'title\n\nKey: v\r\n' $'title\r\n\r\nKey: v\r\nK2: w\r\n' $'title\n\nKey\r: v\n'
	$'title\n\n\rKey: v\n' $'title\n\nKEY: a\nkey: b\nKey: c\n'
	# very long lines
	$'title\n\nKey: '"$LONG"$'\n' $'title\n\n'"$LONG"$': v\n' $'title\n\n'"$LONG"$'\n'"$SOB"$'\n'
	"$LONG"$'\n\nKey: v\n' $'title\n\nKey: v\n  '"$LONG"$'\n'
)
for m in "${edge[@]}"; do add "$m"; done
# NUL ends the message, as in git.
add $'title\n\nKey: v' $'K2: w\n'
add $'title\n\nKey: v\nK2: w' $'\n'
add 'title' $'\n\nKey: v\n'
add '' $'title\n\nKey: v\n'
add $'title\n\nKey: v\n' $'\n\nK2: w\n'

# Realistic messages: kernel-style tags, GitHub squash merges, Gerrit
# Change-Ids, cherry-picks, reverts, AI co-authors.
real=(
$'mm/slub: fix a race in slab freeing\n\nWhen two CPUs free objects from the same slab concurrently, the\nfreelist can be corrupted because the cmpxchg does not cover the\ncounters word.\n\nFixes: 0123456789ab ("mm/slub: use cmpxchg_double for freelist")\nReported-by: syzbot+1234567890abcdef@syzkaller.appspotmail.com\nCloses: https://lore.kernel.org/r/000000000000abcdef@google.com\nCc: stable@vger.kernel.org # 6.1.x\nSigned-off-by: Jane Developer <jane@kernel.org>\nReviewed-by: Vlastimil Babka <vbabka@suse.cz>\nAcked-by: David Rientjes <rientjes@google.com>\nLink: https://lore.kernel.org/r/20240101000000.12345-1-jane@kernel.org\nSigned-off-by: Andrew Morton <akpm@linux-foundation.org>\n'
$'net: fix use-after-free in tcp_close\n\nThe socket may be released while the timer still runs.\n\nSigned-off-by: A Developer <dev@example.org>\n[maintainer: reworded the commit message]\nSigned-off-by: Maintainer <maint@example.org>\n'
$'drm/i915: avoid NULL deref on resume\n\nCommit abcdef012345 ("drm/i915: rework power wells") left the\npointer unset on resume from S3.\n\nv2: check the pointer in the caller too (Ville)\nv3: rebase\n\nFixes: abcdef012345 ("drm/i915: rework power wells")\nSigned-off-by: Dev One <one@intel.com>\nReviewed-by: Ville Syrjala <ville@linux.intel.com>\n(cherry picked from commit 1234567890abcdef1234567890abcdef12345678)\nSigned-off-by: Release Manager <rm@intel.com>\n'
$'Add retry logic to the payment webhook handler (#1234)\n\n* Add retry logic to the payment webhook handler\n\n* Address review comments\n\n* Fix tests\n\n---------\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: Alice Example <alice@example.com>'
$'Update README.md (#77)\n\nCo-authored-by: github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>\n'
$'Refactor session store\n\nMove the session store behind an interface so that tests can use an\nin-memory implementation.\n\nChange-Id: I8f9e1c2d3b4a5968778695a4b3c2d1e0f9e8d7c6\nReviewed-on: https://gerrit.example.com/c/project/+/12345\nTested-by: Jenkins <jenkins@example.com>\nReviewed-by: Bob Reviewer <bob@example.com>\n'
$'Revert "Add caching layer"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n\nThe cache served stale entries after failover.\n'
$'Fix flaky login test\n\n(cherry picked from commit fedcba9876543210fedcba9876543210fedcba98)\n'
$'Bump lodash from 4.17.20 to 4.17.21 (#99)\n\nBumps [lodash](https://github.com/lodash/lodash) from 4.17.20 to 4.17.21.\n- [Release notes](https://github.com/lodash/lodash/releases)\n- [Commits](https://github.com/lodash/lodash/compare/4.17.20...4.17.21)\n\n---\nupdated-dependencies:\n- dependency-name: lodash\n  dependency-type: direct:production\n...\n\nSigned-off-by: dependabot[bot] <support@github.com>\n'
$'feat(api): add rate limiting\n\nBREAKING CHANGE: the /v1/search endpoint now returns 429 when the\nclient exceeds 10 requests per second.\n\nRefs: #456\nAssisted-by: GitHub Copilot\n'
$'fix: handle empty config\n\nGenerated-by: Cursor\nAI-Assisted: yes\nSigned-off-by: Dev <dev@example.com>\n'
$'Merge branch \'feature/x\' into main\n\n# Conflicts:\n#\tsrc/auth/login.c\n'
$'Merge branch \'topic\'\n\nConflicts:\n\tsrc/a.c\n\tsrc/b.c\n'
$'Implement OAuth device flow\n\nThis adds the device authorization grant (RFC 8628) so that the CLI\ncan log in on machines without a browser.\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-Authored-By: Bob <bob@example.com>\nSigned-off-by: Alice <alice@example.com>\n\n'"$SCISSORS"$'\ndiff --git a/x b/x\n'
$'docs: typo\n\nSigned-off-by: Some One <someone@example.com>\n---\n docs/guide.md | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n'
$'ext4: fix off-by-one in extent tree\n\nThe depth check used > where >= was needed, see:\n  https://bugzilla.kernel.org/show_bug.cgi?id=123456\n\nReported-by: Tester <t@example.com>\nSuggested-by: Ted Tso <tytso@mit.edu>\nSigned-off-by: Dev <dev@example.com>\nLink: https://patch.msgid.link/20240102.abc@example.com\nSigned-off-by: Theodore Ts\'o <tytso@mit.edu>\n'
$'Use the new allocator\n\nBug: 123456789\nTest: atest FooTest\nChange-Id: Iabcdef0123456789abcdef0123456789abcdef01\nMerged-In: Iabcdef0123456789abcdef0123456789abcdef01\n'
$'Squashed commit of the following:\n\ncommit 0123456789abcdef0123456789abcdef01234567\nAuthor: A <a@example.com>\nDate:   Mon Jan 1 00:00:00 2024 +0000\n\n    first\n\n    Signed-off-by: A <a@example.com>\n'
$'Fix the build on Windows\r\n\r\nThe path separator was hard-coded.\r\n\r\nSigned-off-by: Win Dev <win@example.com>\r\nCo-authored-by: Claude <noreply@anthropic.com>\r\n'
$'tools: add a script\n\nSigned-off-by: Author <a@example.com>\nCo-developed-by: Helper <h@example.com>\nSigned-off-by: Helper <h@example.com>\nMessage-ID: <20240101-abc@example.com>\nX-Mailer: git-send-email 2.43.0\n'
$'Make the parser robust\n\nThe old parser accepted keys like "Not a key: x" and URLs such as\nhttp://example.com as trailers.\n\nKey: value\nhttp://example.com\nNot a key: x\nSigned-off-by: Dev <dev@example.com>\n'
)
for m in "${real[@]}"; do
	add "$m"
	add "${m//$'\n'/$'\r\n'}"
	add "${m%$'\n'}"
done

fixed=$n

# Random mixtures.
titles=("Fix the frobnicator" "Add feature X" "Key: value in the title" "$SOB" "$CP" "# comment title"
	"wip" "Merge branch 'main' into feature" $'Revert "something"' $'\xc3\xa9t\xc3\xa9 title' "  indented title"
	"Title: with colon" "---" "$SCISSORS")
body=("This is a body line." "It explains why: the old code was wrong." "See http://example.com/x for details."
	"Not a key: but it looks like one" "Some more text" "- a bullet" "* another bullet" "1. numbered"
	"    indented code" $'\tTAB indented' "Bug #43 was fixed" "Closes #12" "a:b" "ratio 3:1" "Note:" "x"
	"Conflicts:" $'\tsrc/file.c' "---" "--- " "--- a/file" "----" "# a comment line" "#no-space: comment"
	"$SCISSORS" "$SCISSORS " $'\v' $'\f' $'\vvt' $'form\ffeed' $'\xc3\xa4\xc3\xb6\xc3\xbc' "$SHORTLONG")
trl=("$SOB" "Signed-off-by: Other Dev <other@example.org>" "Signed-off-by:A <a@b>" "Signed-off-by : S <s@x>"
	"signed-off-by: lower <l@x>" "SIGNED-OFF-BY: U <u@x>" "$CP" "(cherry picked from commit abc)"
	"(cherry picked from" "Co-authored-by: Claude <noreply@anthropic.com>"
	"Co-authored-by: GitHub Copilot <copilot@github.com>" "Assisted-by: Claude" "Reviewed-by: R <r@x>"
	"Acked-by: A" "Tested-by: T <t@x>" "Cc: stable@vger.kernel.org # 6.1.x"
	$'Fixes: 0123456789ab ("sub: fix thing")' "Link: https://lore.kernel.org/r/1@x"
	"Change-Id: I0123456789abcdef0123456789abcdef01234567" "Key: value" "Key:value" "key : value"
	$'Key\t: value' "Key :value" "Key:" "Key: " "Key:  spaced value  " "Key: a: b: c" "Key:: double"
	": no key" "-dash-start: v" "Key-With-Dashes: v" "Key_under: v" "K3y2: digits" "1234: numeric"
	$'\xc3\x9cnicode-Key: v' $'Key: \xc3\xbcnicode v\xc3\xa4lue \xe2\x9c\x93' $'Key: emoji \xf0\x9f\x8e\x89'
	"http://example.com" "https://example.com:8080/x" "Not a key: x" "Two words: x" "Bug #43" "key=value"
	$'Key: trailing tab\t' $'Key:\tTabbed' $'Key:\r' $'K: v\r' $'\vKey: x' $'Key: a\vb' $'Key: \e[31mred\e[0m'
	"Key: $SHORTLONG" "${SHORTLONG:0:3000}: long key")
cont=("  continued value" $'\tcontinued with a TAB' " x" "   " $'\t' " Key: indented" "  $CP" $'\r' $' \r'
	"    $SOB")
blank=("" "" "" "" "" " " $'\t' $'\r' $' \t ' $'\v')

pick() { # array-name -> $PICK
	local -n arr=$1
	PICK=${arr[RANDOM % ${#arr[@]}]}
}

line_for() { # weight of trailers in percent -> $PICK
	local r=$((RANDOM % 100))
	if ((r < $1)); then pick trl
	elif ((r < $1 + 12)); then pick cont
	elif ((r < $1 + 16)); then PICK="# comment $RANDOM"
	elif ((r < $1 + 18)); then pick blank
	else pick body
	fi
}

RANDOM=$SEED
for ((k = 0; k < RANDOM_MESSAGES; k++)); do
	lines=()
	((RANDOM % 8 == 0)) && { pick blank; lines+=("$PICK"); }
	if ((RANDOM % 4)); then pick titles; else line_for 30; fi
	lines+=("$PICK")
	((RANDOM % 6 == 0)) && { line_for 40; lines+=("$PICK"); }
	paragraphs=$((RANDOM % 4))
	for ((p = 0; p < paragraphs; p++)); do
		pick blank
		lines+=("$PICK")
		((RANDOM % 10 == 0)) && { pick blank; lines+=("$PICK"); }
		if ((p == paragraphs - 1)); then weight=$((RANDOM % 2 ? 75 : 45)); else weight=15; fi
		count=$((RANDOM % 6 + 1))
		for ((i = 0; i < count; i++)); do
			line_for $weight
			lines+=("$PICK")
		done
	done
	case $((RANDOM % 12)) in
	0) lines+=("" "# Please enter the commit message" "#") ;;
	1) lines+=("$SCISSORS" "Key: after scissors" "$SOB") ;;
	2) lines+=("Conflicts:" $'\tsrc/a.c') ;;
	3) lines+=("---" " file | 1 +") ;;
	4) lines+=("" "") ;;
	esac
	msg=
	crlf=$((RANDOM % 10))
	for l in "${lines[@]}"; do
		if ((crlf == 0 || (crlf == 1 && RANDOM % 2))); then msg+="$l"$'\r\n'; else msg+="$l"$'\n'; fi
	done
	((RANDOM % 6 == 0)) && msg=${msg%$'\n'}
	if ((RANDOM % 50 == 0)); then
		cut=$((RANDOM % (${#msg} + 1)))
		add "${msg:0:cut}" "${msg:cut}"
	else
		add "$msg"
	fi
done

# git's answer: every commit written raw, then one `git log` over all.
for ((i = 1; i <= n; i++)); do echo "$W/obj/$i"; done >"$W/objects"
if ! git hash-object -t commit -w --stdin-paths <"$W/objects" >"$W/commits" 2>"$W/hash.err"; then
	fail "git hash-object refused the commits: $(head -n 3 "$W/hash.err")"
	finish trailers
	exit 1
fi
git log --no-walk=unsorted --stdin --format='%x00%(trailers:only,unfold)' <"$W/commits" >"$W/git.out"
# One line per message: NUL starts a message's answer, \001 stands for a newline.
tr '\n\000' '\001\n' <"$W/git.out" >"$W/git.lines"
if [ "$(wc -l <"$W/git.lines")" -ne "$n" ]; then
	fail "git log answered for $(wc -l <"$W/git.lines") of $n messages"
	finish trailers
	exit 1
fi

# compare WHO ANSWERS INDEXES: checks the answers (in git's format, one for
# each message numbered in the file INDEXES, in that order) against git's.
compare() {
	local who=$1 answers=$2 indexes=$3 i shown=0 ok got want
	tr '\n\000' '\001\n' <"$answers" >"$answers.lines"
	awk -v w="$W/git.lines" -v x="$indexes" 'BEGIN {
			while ((getline line < w) > 0) want[++nw] = line
			while ((getline line < x) > 0) idx[++nx] = line
		}
		FNR > 1 { i = idx[FNR - 1]; if ((want[i + 1] "") == ($0 "")) ok++; else print i }
		END { print "ok", ok + 0; print "answers", FNR - 1, nx }' "$answers.lines" >"$answers.verdict"
	ok=$(sed -n 's/^ok //p' "$answers.verdict")
	T_PASSED=$((T_PASSED + ok))
	for i in $(grep -v -e '^ok ' -e '^answers ' "$answers.verdict"); do
		shown=$((shown + 1))
		if ((shown > 10)); then fail "$who: message $i differs from git"; continue; fi
		fail "$who: message $i differs from git"
		{
			echo "  message:"
			sed -n l "$W/msg/$i" | head -n 20 | sed 's/^/    /'
			echo "  git:"
			sed -n "$((i + 1))p" "$W/git.lines" | tr '\001' '\n' | sed -n l | sed 's/^/    /'
			echo "  $who:"
			grep -n -x -F "$i" "$indexes" | head -n 1 | cut -d: -f1 |
				{ read -r k; sed -n "$((k + 1))p" "$answers.lines"; } |
				tr '\001' '\n' | sed -n l | sed 's/^/    /'
		} >&2
	done
	read -r _ got want < <(grep '^answers ' "$answers.verdict")
	if [ "$got" -eq "$want" ]; then pass; else fail "$who answered for $got of $want messages"; fi
	echo "$who: compared $ok of $want messages equal to git's" >&2
}

# riskgate's parser on every message, in one process.
seq 1 "$n" >"$W/all"
if [ -n "$DRIVER" ]; then
	sed "s|^|$W/msg/|" "$W/all" | "$DRIVER" --git-format >"$W/lib.out" 2>"$W/lib.err" ||
		fail "$DRIVER --git-format failed: $(head -n 3 "$W/lib.err")"
	compare "riskgate's parser" "$W/lib.out" "$W/all"
fi

# `riskgate trailers` itself, one run per message, spread over the CPUs: the
# hand-picked and realistic messages and every CLI_EVERY-th random one.
awk -v fixed="$fixed" -v every="$CLI_EVERY" '$1 <= fixed || $1 % every == 0' "$W/all" >"$W/cli"
sed "s|^|$W/msg/|" "$W/cli" | xargs -P "$JOBS" -n 32 sh -c 'for f do "$0" trailers "$f" >"$f.json" 2>"$f.err" ||
	printf "[{\"key\":\"riskgate exited %s\",\"value\":\"\"}]" $? >"$f.json"; done' "$RISKGATE"
sed "s|^\(.*\)$|$W/msg/\1.json|" "$W/cli" | xargs jq -j '"\u0000", (.[] | .key + ": " + .value + "\n"), "\n"' \
	>"$W/cli.out" 2>"$W/jq.err" || fail "riskgate trailers printed invalid JSON: $(head -n 3 "$W/jq.err")"
compare "riskgate trailers" "$W/cli.out" "$W/cli"

# The command itself: input, JSON escaping, exit codes.
cd "$W" || exit 1
printf 'title\n\nKey: v\n' | "$RISKGATE" trailers >stdin.json
check "reads standard input without an argument" [ "$(jq -c . stdin.json)" = '[{"key":"Key","value":"v"}]' ]
printf 'title\n\nKey: v\n' | "$RISKGATE" trailers - >dash.json
check "reads standard input for -" cmp -s stdin.json dash.json
printf 'title\n\nbody\n' | "$RISKGATE" trailers >none.json
check "no trailers is an empty array" [ "$(cat none.json)" = "[]" ]
printf 'title\n\nKey: a\xff\nKey: a\xc3\x28\x80b\nQuote: "x"\\y\x01\x1b\n' >bad.txt
"$RISKGATE" trailers bad.txt >bad.json
check "invalid UTF-8 and control characters are escaped into valid JSON" \
	[ "$(jq -r '.[0].value + "|" + .[1].value' bad.json)" = $'a\xef\xbf\xbd|a\xef\xbf\xbd(\xef\xbf\xbdb' ]
check "quotes, backslashes and control characters survive" \
	[ "$(jq -r '.[2].value' bad.json)" = $'"x"\\y\x01\x1b' ]
"$RISKGATE" trailers --help >help.txt
check "--help exits 0" [ $? -eq 0 ]
check "--help prints the usage" grep -q 'usage: riskgate trailers' help.txt
"$RISKGATE" help trailers >/dev/null
check "help trailers exits 0" [ $? -eq 0 ]
"$RISKGATE" trailers "$W/does-not-exist" >/dev/null 2>err.txt
check "an unreadable file exits 2" [ $? -eq 2 ]
check "an unreadable file is named" grep -q 'does-not-exist' err.txt
"$RISKGATE" trailers a b >/dev/null 2>&1
check "two files exit 2" [ $? -eq 2 ]
"$RISKGATE" trailers --bogus >/dev/null 2>&1
check "an unknown option exits 2" [ $? -eq 2 ]
"$RISKGATE" trailers "$W" >/dev/null 2>&1
check "a directory exits 2" [ $? -eq 2 ]
if [ -w /dev/full ]; then
	"$RISKGATE" trailers none.json >/dev/full 2>/dev/null
	check "an unwritable standard output exits 3" [ $? -eq 3 ]
fi
head -c 1048576 /dev/zero | tr '\0' 'K' >big.txt
printf ': v\n' >>big.txt
"$RISKGATE" trailers big.txt >big.json
check "a 1 MiB message is read" [ $? -eq 0 ]

finish trailers
