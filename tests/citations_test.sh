#!/bin/sh
# The contract lives in the repository: code and docs point to sections of
# docs/, and every such pointer must lead somewhere a reader can follow.
#  - a comment's citation `docs/NAME.md, "Heading"` names an existing page
#    and one of its headings (comments may wrap the citation over lines);
#  - a Markdown link `](NAME.md#anchor)` in docs/ or the README names an
#    existing page and one of its headings' anchors (GitHub's rule: lower
#    case, punctuation dropped, spaces to hyphens);
#  - nothing cites an outside specification by section number.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1

# heading_ok PAGE TITLE: PAGE has a heading whose text is TITLE.
heading_ok() {
	[ -f "$1" ] || return 1
	sed -n 's/^#\{1,6\} \{1,\}//p' "$1" | grep -Fxq -- "$2"
}

# anchor_ok PAGE ANCHOR: one of PAGE's headings has ANCHOR as its anchor.
anchor_ok() {
	[ -f "$1" ] || return 1
	sed -n 's/^#\{1,6\} \{1,\}//p' "$1" |
		awk '{ s = tolower($0); gsub(/[^a-z0-9 _-]/, "", s); gsub(/ /, "-", s); print s }' |
		grep -Fxq -- "$2"
}

# citations FILE...: "FILE<TAB>page<TAB>heading" for each citation, with
# comment leaders and line breaks folded into spaces first.
citations() {
	for f in "$@"; do
		awk -v f="$f" '
			{ line = $0
			  sub(/^[ \t]*(\/\*+|\*+\/?|\/\/|#)?[ \t]*/, "", line)
			  text = text " " line }
			END {
				while (match(text, /docs\/[a-z0-9-]+\.md, "[^"]+"/)) {
					c = substr(text, RSTART, RLENGTH)
					text = substr(text, RSTART + RLENGTH)
					page = c; sub(/, ".*/, "", page)
					head = c; sub(/^[^"]*"/, "", head); sub(/"$/, "", head)
					print f "\t" page "\t" head
				}
			}' "$f"
	done
}

check_citations() {
	bad=0
	while IFS='	' read -r f page head; do
		if heading_ok "$page" "$head"; then pass; else
			fail "$f cites $page, \"$head\": no such page or heading"
			bad=1
		fi
	done
	return $bad
}

sources=$(ls src/*.c src/*.h src/checks/*.c src/checks/*.h cmd/*.c cmd/*.h \
	include/riskgate/*.h tests/*.sh tests/unit/*.c tests/unit/*.h 2>/dev/null)
# shellcheck disable=SC2086
n=$(citations $sources | wc -l)
if [ "$n" -ge 20 ]; then pass; else fail "only $n citations of docs/ found: the scan is broken"; fi
# shellcheck disable=SC2086
citations $sources >"$T_ROOT/cites"
check_citations <"$T_ROOT/cites"

# Links between the docs, and from the README.
for f in docs/*.md README.md; do
	dir=$(dirname "$f")
	grep -o '](\([a-z0-9/-]*\.md\)\{0,1\}#[a-z0-9_-]*)' "$f" | sed 's/^](//; s/)$//' |
		while IFS= read -r link; do
			page=${link%%#*}
			anchor=${link#*#}
			if [ -z "$page" ]; then page=$f; else page=$dir/$page; fi
			if anchor_ok "$page" "$anchor"; then echo pass; else
				echo "fail $f links to $link: no such heading"
			fi
		done
done >"$T_ROOT/links"
while read -r verdict rest; do
	if [ "$verdict" = pass ]; then pass; else fail "$rest"; fi
done <"$T_ROOT/links"

# No section numbers of an outside specification.
# shellcheck disable=SC2086
# (The pattern is split so that this file does not match itself.)
spec='SP''EC'
hits=$(grep -n "$spec [0-9]\\|($spec\\b\\|$spec:" $sources docs/*.md README.md 2>/dev/null)
if [ -z "$hits" ]; then pass; else fail "cites an outside spec: $hits"; fi

# The checks themselves can fail: a wrapped citation of a missing heading, a
# link to a missing anchor.
printf '/* see docs/policy.md,\n * "No Such Heading" for this */\n' >"$T_ROOT/probe.c"
citations "$T_ROOT/probe.c" >"$T_ROOT/probe"
if grep -q 'No Such Heading' "$T_ROOT/probe" &&
	! heading_ok docs/policy.md "No Such Heading" && heading_ok docs/policy.md "Tiers"; then
	pass
else
	fail "the citation check cannot fail"
fi
if anchor_ok docs/policy.md where-the-policy-comes-from &&
	! anchor_ok docs/policy.md no-such-anchor; then pass; else
	fail "the anchor check cannot fail"
fi
finish citations
