#!/bin/sh
# `riskgate audit --stats` (docs/audit.md, "Trends"): a real history over
# three months with AI-assisted and signed-off commits and recorded verdicts,
# counted per month, week and tier, as JSON, Markdown and an HTML page that
# headless Chromium renders: its screenshot (kept as
# build/test-artifacts/stats.png) is decoded and its pixels checked.
. "$(dirname "$0")/lib.sh"
ARTIFACTS=$(cd "$(dirname "$0")/.." && pwd)/build/test-artifacts

W="$T_ROOT/stats"
mkdir -p "$W"
cd "$W" || exit 1

# exits NAME WANT GOT
exits() {
	if [ "$3" -eq "$2" ]; then pass; else fail "$1: exit $3, want $2"; fi
}
# jqt NAME FILE FILTER: FILTER is true of FILE.
jqt() {
	if jq -e "$3" "$2" >/dev/null 2>&1; then pass; else
		fail "$1: $3"
		head -c 3000 "$2" | sed 's/^/    /' >&2
	fi
}

cat >policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "docs",
  "tiers": [
    {"name": "code", "paths": ["^src/"], "require": {"tests": "changed"}},
    {"name": "docs", "paths": []}
  ],
  "tests": {"paths": ["^tests/"]}
}
JSON

git init -q r
# at DATE PATH MESSAGE...: a commit of PATH authored and committed at DATE.
at() {
	d=$1 p=$2
	shift 2
	mkdir -p "r/$(dirname "$p")"
	echo "$d $p" >>"r/$p"
	git -C r add -A
	GIT_AUTHOR_DATE="$d" GIT_COMMITTER_DATE="$d" git -C r commit -q "$@"
}
cp policy.json r/.riskgate.json
at 2026-01-05T10:00:00Z README.md -m "start"
root=$(git -C r rev-parse HEAD)
at 2026-01-10T10:00:00Z src/a.c -m "a" -m "Signed-off-by: Test Author <author@example.com>"
at 2026-01-20T10:00:00Z docs/a.md -m "docs for a"
jan=$(git -C r rev-parse HEAD)
at 2026-02-03T10:00:00Z src/b.c -m "b" -m "Co-authored-by: Claude <noreply@anthropic.com>"
at 2026-02-14T10:00:00Z docs/b.md -m "docs for b" -m "Co-authored-by: Claude <noreply@anthropic.com>"
feb=$(git -C r rev-parse HEAD)
at 2026-03-02T10:00:00Z src/c.c -m "c" -m "Signed-off-by: Test Author <author@example.com>"
mar=$(git -C r rev-parse HEAD)

# February's change, recorded as it was judged: src/b.c without a test.
"$RISKGATE" check --repo r --base "$jan" --head "$feb" --policy policy.json --write-note >out 2>&1
exits "the February change fails" 1 $?
# March's commit, let through by an override (as the server records one).
printf '{"riskgate_verdict":1,"commit":"%s","verdict":"fail","range":{"base":"%s","merge_base":"%s","head":"%s"},"ref":"refs/heads/main","pusher":"alice","evaluated_at":"2026-03-02T11:00:00Z","tool":{"name":"riskgate","version":"0"},"policy":{"source":"x","sha256":"x"},"requirements":[],"findings":[{"rule":"tests","count":1}],"waivers":[{"rule":"r","path":"src/c.c","line":1,"reason":"why"}],"override":{"by":"alice","reason":"incident"}}\n' \
	"$mar" "$feb" "$feb" "$mar" >override.note
git -C r notes --ref riskgate add -f -F "$W/override.note" "$mar" 2>/dev/null

"$RISKGATE" audit --stats --repo r --policy policy.json --format json "$root..$mar" >s.json 2>err
exits "audit --stats json" 0 $?
check "no progress lines off a terminal" test ! -s err
jqt "three months" s.json '[.periods[].period] == ["2026-01", "2026-02", "2026-03"]'
jqt "totals" s.json '.totals.commits == 5 and .totals.ai_assisted == 2 and .totals.signed_off == 2'
jqt "January: 2 commits, 1 signed off, no verdict" s.json \
	'.periods[0] | .commits == 2 and .signed_off == 1 and .ai_assisted == 0 and .landed.none == 2'
jqt "February: 2 AI-assisted, both landed with the change's fail" s.json \
	'.periods[1] | .commits == 2 and .ai_assisted == 2 and .ai_share == 1 and .landed.fail == 2 and .verdicts == 1'
jqt "February's findings" s.json '.periods[1].findings == [{"rule": "tests", "count": 1}]'
jqt "March: an override, its waiver and finding" s.json \
	'.periods[2] | .landed.override == 1 and .overrides == 1 and .waivers == 1 and .findings == [{"rule": "tests", "count": 1}]'
jqt "per tier" s.json \
	'[.periods[1].tiers[] | {tier, commits, ai_assisted, signed_off}] == [{"tier": "code", "commits": 1, "ai_assisted": 1, "signed_off": 0}, {"tier": "docs", "commits": 1, "ai_assisted": 1, "signed_off": 0}]'
jqt "rules over the whole range" s.json '.rules == [{"rule": "tests", "count": 2}]'

# git agrees on what was counted.
jqt "as many commits as git lists" s.json ".totals.commits == $(git -C r rev-list --count "$root..$mar")"

"$RISKGATE" audit --stats --repo r --policy policy.json --format json --since 2026-02-01 "$mar" >s2.json 2>&1
exits "--since" 0 $?
jqt "--since: January left out" s2.json \
	'[.periods[].period] == ["2026-02", "2026-03"] and .totals.earlier_commits_left_out == 3'

"$RISKGATE" audit --stats --repo r --policy policy.json --format json --period week "$root..$mar" >w.json 2>&1
exits "--period week" 0 $?
jqt "weeks: 2026-W02 .. 2026-W10" w.json '[.periods[].period] == ["2026-W02", "2026-W04", "2026-W06", "2026-W07", "2026-W10"]'

"$RISKGATE" audit --stats --repo r --policy policy.json "$root..$mar" >s.md 2>&1
exits "markdown" 0 $?
check "markdown: a row per month" grep -Eq '^\| 2026-02 \| 2 \| 2 \(100%\) \| 0 \(0%\) \| 0 \| 0 \| 2 \| 0 \| 0 \| 0 \| 0 \| 0 \| 1 \| [0-9]+\.[0-9], [0-9]+\.[0-9] \|$' s.md
check "markdown: March failed an hour after it was written" grep -q '^| 2026-03 | .* | 1 | 1.0, 1.0 |$' s.md
check "markdown: findings table" grep -q '^| 2026-03 | `tests` | 1 |$' s.md

# ---- time to first failure --------------------------------------------------
# The February head failed when `check` ran (the time its record gives),
# March's an hour after it was written. Numbers print as cJSON prints them,
# to 15 significant digits when those read back within DBL_EPSILON, so a
# figure computed here is compared to within a millisecond, not bit for bit.
git -C r notes --ref riskgate show "$feb" | head -n 1 >feb.record
feb_hours=$(jq -r '.evaluated_at | fromdateiso8601' feb.record)
feb_hours=$(( (feb_hours - $(git -C r log -1 --format=%at "$feb")) ))
jqt "February: the head failed once, at the check" s.json \
	".periods[1].failed_commits == 1 and (.periods[1].hours_to_first_failure | ((.median - $feb_hours / 3600) | fabs) < 1e-6 and ((.p90 - $feb_hours / 3600) | fabs) < 1e-6)"
jqt "March: an hour (the override's fail counts)" s.json \
	'.periods[2].failed_commits == 1 and .periods[2].hours_to_first_failure == {"median": 1, "p90": 1}'
jqt "January: nothing failed" s.json '.periods[0].failed_commits == 0 and .periods[0].hours_to_first_failure == null'

# A verdict replaced by a later one still counts: the notes' history keeps
# it. The same commits in a repository of their own, with notes written in
# order: an error and then a fail on `a`, then a pass; on `jan` a record
# copied from `a` (it names `a`: not jan's), and a fail that only a merged
# notes branch brought (the merge kept the copy), then a pass.
git clone -q r h
rec() { # rec COMMIT NAMED VERDICT TIME
	printf '{"riskgate_verdict":1,"commit":"%s","verdict":"%s","range":{"base":"%s","merge_base":"%s","head":"%s"},"ref":null,"pusher":null,"evaluated_at":"%s","tool":{"name":"riskgate","version":"0"},"policy":{"source":"x","sha256":"x"},"requirements":[],"findings":[],"waivers":[]}\n' \
		"$2" "$3" "$root" "$root" "$2" "$4" >"$W/rec.note"
	git -C h notes --ref "${5:-riskgate}" add -f -F "$W/rec.note" "$1" 2>/dev/null
}
a=$(git -C r rev-parse "$jan~1")
rec "$a" "$a" error 2026-01-10T11:00:00Z
rec "$a" "$a" fail 2026-01-10T13:00:00Z
rec "$a" "$a" pass 2026-01-11T10:00:00Z
rec "$jan" "$a" fail 2026-01-20T11:00:00Z
rec "$jan" "$jan" fail 2026-01-20T16:00:00Z side
git -C h notes --ref riskgate merge -q -s ours refs/notes/side 2>/dev/null
check "the merged notes kept the copy" sh -c "git -C h notes --ref riskgate show $jan | grep -q '\"commit\":\"$a\"'"
rec "$jan" "$jan" pass 2026-01-21T10:00:00Z
"$RISKGATE" audit --stats --repo h --policy policy.json --format json "$root..$mar" >hist.json 2>&1
exits "audit --stats with the notes' history" 0 $?
jqt "January: both landed with a pass" hist.json '.periods[0].landed.pass == 2'
jqt "January: both failed first: 3 and 6 hours" hist.json \
	'.periods[0].failed_commits == 2 and .periods[0].hours_to_first_failure == {"median": 4.5, "p90": 6}'
jqt "totals" hist.json '.totals.failed_commits == 2 and .totals.hours_to_first_failure == {"median": 4.5, "p90": 6}'
"$RISKGATE" audit --stats --repo h --policy policy.json "$root..$mar" >hist.md 2>&1
"$RISKGATE" audit --stats --repo h --policy policy.json --format html "$root..$mar" >hist.html 2>&1
exits "html with the notes' history" 0 $?
check "markdown: January's time to first failure" grep -q '^| 2026-01 | 2 | .* | 2 | 4.5, 6.0 |$' hist.md
# ---- per tier, against git --------------------------------------------------
# What each commit of a range is, read with git and jq alone (not with
# riskgate): its month, the tiers its files fall in under policy.json
# (src/ is "code", anything else "docs"), its trailers, the record on it,
# and the earliest failing record on it in the notes' history. The
# expected figures per month and tier are then summed from these facts, so
# a figure riskgate counts in the wrong tier, or not at all, shows.
# facts REPO RANGE >FILE: one JSON object per commit.
facts() {
	fr=$1
	# Every version of every note: "commit<TAB>evaluated_at" of the
	# records that failed the commit they are on.
	for n in $(git -C "$fr" rev-list refs/notes/riskgate 2>/dev/null); do
		git -C "$fr" ls-tree -r "$n" | while read -r _ _ blob path; do
			on=$(printf '%s' "$path" | tr -d /)
			git -C "$fr" cat-file blob "$blob" | head -n 1 |
				jq -r --arg on "$on" 'select(.commit == $on and .verdict == "fail") | "\(.commit)\t\(.evaluated_at | fromdateiso8601)"' 2>/dev/null
		done
	done >"$W/fails.tsv"
	for c in $(git -C "$fr" rev-list "$2"); do
		when=$(git -C "$fr" log -1 --format=%at "$c")
		first=$(awk -v c="$c" '$1 == c { print $2 }' "$W/fails.tsv" | sort -n | head -n 1)
		git -C "$fr" diff-tree --root --no-commit-id -r --name-only "$c" >"$W/files"
		git -C "$fr" notes --ref riskgate show "$c" 2>/dev/null | head -n 1 >"$W/record"
		[ -s "$W/record" ] || echo null >"$W/record"
		jq -n -c --arg c "$c" --argjson when "$when" --arg first "$first" \
			--arg period "$(TZ=UTC git -C "$fr" log -1 --date=format-local:%Y-%m --format=%ad "$c")" \
			--arg msg "$(git -C "$fr" log -1 --format=%B "$c")" \
			--rawfile files "$W/files" --slurpfile rec "$W/record" '
			($rec[0]) as $r
			| ($r != null and $r.commit == $c) as $valid
			| {sha: $c, period: $period,
			   tiers: ([$files | split("\n")[] | select(. != "")
				    | if startswith("src/") then "code" else "docs" end] | unique),
			   ai: ($msg | test("Co-authored-by: Claude")),
			   so: ($msg | test("Signed-off-by: ")),
			   own: (if $r == null then "none" elif ($valid | not) then "invalid"
				 elif $r.verdict == "fail" and $r.override != null then "override"
				 else $r.verdict end),
			   range: (if $valid then $r.range else null end),
			   verdict: $valid,
			   waivers: (if $valid then ($r.waivers | length) else 0 end),
			   override: ($valid and $r.override != null),
			   findings: (if $valid then ($r.findings // []) else [] end),
			   failed: (if $first == "" then null
				    else ([($first | tonumber) - $when, 0] | max) end)}'
	done
}
# landed REPO FACTS >FILE: the facts, each with the verdict it landed with:
# its own record's, else that of the newest commit whose recorded range
# holds it (git merge-base --is-ancestor decides "holds").
landed() {
	jq -c '.' "$2" | while read -r f; do
		c=$(printf '%s' "$f" | jq -r .sha)
		state=$(printf '%s' "$f" | jq -r .own)
		if [ "$state" = none ]; then
			state=$(jq -r 'select(.range != null) | "\(.sha) \(.own) \(.range.base) \(.range.head)"' "$2" |
				while read -r _ own base head; do
					if git -C "$1" merge-base --is-ancestor "$c" "$head" &&
						! git -C "$1" merge-base --is-ancestor "$c" "$base"; then
						echo "$own"
						break
					fi
				done)
			[ -n "$state" ] || state=none
		fi
		printf '%s' "$f" | jq -c --arg s "$state" '.landed = $s'
	done
}
# expected FACTS >FILE: [{period, tier, figures...}] for every month and tier.
expected() {
	jq -s -c '
	def agg: . as $cs
	| ([$cs[] | select(.failed != null) | .failed] | sort) as $t | ($t | length) as $n
	| {commits: length,
	   ai_assisted: map(select(.ai)) | length,
	   signed_off: map(select(.so)) | length,
	   landed: ({none: 0, pass: 0, override: 0, fail: 0, error: 0, invalid: 0}
		    + (reduce $cs[] as $c ({}; .[$c.landed] += 1))),
	   verdicts: map(select(.verdict)) | length,
	   waivers: (map(.waivers) | add // 0),
	   overrides: map(select(.override)) | length,
	   failed_commits: $n,
	   hours_to_first_failure: (if $n == 0 then null else
		{median: ((if $n % 2 == 1 then $t[($n - 1) / 2]
			   else ($t[$n / 2 - 1] + $t[$n / 2]) / 2 end) / 3600),
		 p90: ($t[((9 * $n + 9) / 10 | floor) - 1] / 3600)} end),
	   findings: ([$cs[].findings[]] | group_by(.rule)
		      | map({rule: .[0].rule, count: (map(.count) | add)}))};
	. as $all
	| [$all[].period] | unique | map(. as $p | ["code", "docs"][] as $tier
	  | {period: $p, tier: $tier}
	    + ([$all[] | select(.period == $p and (.tiers | index($tier)))] | agg))' "$1"
}
# tiers_agree NAME EXPECTED STATS_JSON: every month's tiers as expected.
tiers_agree() {
	if jq -e -n --slurpfile want "$2" --slurpfile got "$3" '
		def close(a; b): (a == null and b == null)
			or (a != null and b != null and ((a.median - b.median) | fabs) < 1e-6
			    and ((a.p90 - b.p90) | fabs) < 1e-6);
		[$got[0].periods[] | .period as $p | .tiers[] | {period: $p} + .] as $g
		| ($want[0] | length) == ($g | length) and ($g | length) > 0
		  and all($want[0][]; . as $w
			| ($g | map(select(.period == $w.period and .tier == $w.tier))) as $m
			| ($m | length) == 1 and ($m[0] as $x
			  | ($w | del(.hours_to_first_failure, .findings))
			    == ($x | {period, tier, commits, ai_assisted, signed_off, landed,
				      verdicts, waivers, overrides, failed_commits})
			  and close($w.hours_to_first_failure; $x.hours_to_first_failure)
			  and ($w.findings == ($x.findings | sort_by(.rule)))))' >/dev/null; then
		pass
	else
		fail "$1"
		jq -c '.[]' "$2" | head -20 | sed 's/^/    want /' >&2
		jq -c '.periods[] | .period as $p | .tiers[] | {period: $p} + .' "$3" | head -20 | sed 's/^/    got  /' >&2
	fi
}
# rows EXPECTED TIER FORMAT: the rows of TIER's table (md or html) as
# riskgate writes them, from the expected figures, formatted by awk's
# printf (C's), for the months the tier has commits in.
rows() {
	jq -r --arg tier "$2" '.[] | select(.tier == $tier and .commits > 0)
		| [.period, .commits, .ai_assisted, .signed_off, .landed.pass, .landed.override,
		   .landed.fail, .landed.error, .landed.invalid, .landed.none, .waivers,
		   .overrides, .failed_commits,
		   (.hours_to_first_failure // {median: "-", p90: "-"} | .median, .p90)]
		| @tsv' "$1" |
		awk -F '\t' -v fmt="$3" '{
			ttf = $14 == "-" ? "-" : sprintf("%.1f, %.1f", $14, $15)
			if (fmt == "md")
				printf "| %s | %d | %d (%.0f%%) | %d (%.0f%%) | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |\n",
					$1, $2, $3, 100 * $3 / $2, $4, 100 * $4 / $2, $5, $6, $7, $8, $9, $10, $11, $12, $13, ttf
			else
				printf "<tr><td>%s</td><td>%d</td><td>%d <small>(%.0f%%)</small></td><td>%d <small>(%.0f%%)</small></td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%s</td></tr>\n",
					$1, $2, $3, 100 * $3 / $2, $4, 100 * $4 / $2, $5, $6, $7, $8, $9, $10, $11, $12, $13, ttf
		}'
}
# section FILE FORMAT TIER: the lines of TIER's part of a Markdown or HTML
# rendering.
section() {
	if [ "$2" = md ]; then
		awk -v h="### Tier \`$3\`" '$0 == h { on = 1; next } /^### / { on = 0 } on' "$1"
	else
		awk -v t="$3" 'index($0, "<h3 ") == 1 { on = index($0, ">Tier " t "</h3>") > 0; next }
			index($0, "<p class=\"meta\">") == 1 { on = 0 } on' "$1"
	fi
}
# rows_agree NAME EXPECTED FILE FORMAT: each tier's table holds exactly
# the expected rows, in order; each tier's findings table its findings.
rows_agree() {
	for tier in code docs; do
		rows "$2" "$tier" "$4" >"$W/want.rows"
		section "$3" "$4" "$tier" >"$W/section"
		if [ "$4" = md ]; then
			grep '^| 20' "$W/section" | grep -v '^| [0-9-]* | `' >"$W/got.rows"
			jq -r --arg tier "$tier" '.[] | select(.tier == $tier) | .period as $p
				| .findings[] | "| \($p) | `\(.rule)` | \(.count) |"' "$2" >"$W/want.findings"
			grep '^| [0-9-]* | `' "$W/section" >"$W/got.findings"
		else
			grep '^<tr><td>20' "$W/section" | grep -v '^<tr><td>[0-9-]*</td><td>[a-z]' >"$W/got.rows"
			jq -r --arg tier "$tier" '.[] | select(.tier == $tier) | .period as $p
				| .findings[] | "<tr><td>\($p)</td><td>\(.rule)</td><td>\(.count)</td></tr>"' "$2" >"$W/want.findings"
			grep '^<tr><td>[0-9-]*</td><td>[a-z]' "$W/section" >"$W/got.findings"
		fi
		if [ -s "$W/want.rows" ] && cmp -s "$W/want.rows" "$W/got.rows" &&
			cmp -s "$W/want.findings" "$W/got.findings"; then
			pass
		else
			fail "$1: tier $tier"
			diff "$W/want.rows" "$W/got.rows" | sed 's/^/    /' >&2
			diff "$W/want.findings" "$W/got.findings" | sed 's/^/    /' >&2
		fi
	done
}

facts r "$root..$mar" >facts.r
landed r facts.r >landed.r
expected landed.r >want.r
# The oracle itself: March's code commit carries the override, its waiver
# and finding; February's fail is on its docs head.
jqt "oracle: March's code tier" want.r \
	'.[] | select(.period == "2026-03" and .tier == "code") | .overrides == 1 and .waivers == 1 and .findings == [{"rule": "tests", "count": 1}] and .failed_commits == 1'
jqt "oracle: February's docs tier" want.r \
	'.[] | select(.period == "2026-02" and .tier == "docs") | .verdicts == 1 and .landed.fail == 1 and .failed_commits == 1'
tiers_agree "per tier: JSON as git and the notes say" want.r s.json
rows_agree "per tier: Markdown" want.r s.md md
"$RISKGATE" audit --stats --repo r --policy policy.json --format html "$root..$mar" >s.html 2>&1
exits "html" 0 $?
rows_agree "per tier: HTML" want.r s.html html
# The findings-by-tier chart: a bar for each month and tier with findings.
jq -r '.[] | ([.findings[].count] | add // 0) as $n | select($n > 0)
	| "\(.period): tier \(.tier), \($n) finding\(if $n == 1 then "" else "s" end)"' want.r >want.bars
sed -n '/<svg id="tier-findings"/,/<\/svg>/p' s.html | grep -o '<title>[^<]*: tier [^<]*</title>' |
	sed 's/<[^>]*>//g' >got.bars
check "per tier: the chart's bars" sh -c '[ -s want.bars ] && cmp -s want.bars got.bars'
facts h "$root..$mar" >facts.h
landed h facts.h >landed.h
expected landed.h >want.h
jqt "oracle: January's code tier failed once after 3 hours" want.h \
	'.[] | select(.period == "2026-01" and .tier == "code") | .hours_to_first_failure == {"median": 3, "p90": 3}'
tiers_agree "per tier with the notes' history: JSON" want.h hist.json
rows_agree "per tier with the notes' history: Markdown" want.h hist.md md
# A notes history that cannot be read (a parent missing, as in a partial
# fetch) is an error, not a count of none; the notes themselves still read.
tip=$(git -C h rev-parse refs/notes/riskgate)
broken=$(printf 'tree %s\nparent %s\nauthor A <a@example.com> 1767225600 +0000\ncommitter A <a@example.com> 1767225600 +0000\n\nNotes\n' \
	"$(git -C h rev-parse "$tip^{tree}")" 1111111111111111111111111111111111111111 |
	git -C h hash-object -t commit -w --literally --stdin)
git -C h update-ref refs/notes/riskgate "$broken"
"$RISKGATE" audit --stats --repo h --policy policy.json --format json "$root..$mar" >out 2>&1
exits "an unreadable notes history" 3 $?
check "it says what it could not read" grep -q 'history of refs/notes/riskgate' out
"$RISKGATE" audit --repo h --policy policy.json --format json "$root..$mar" >out 2>&1
exits "audit without --stats still judges (February fails)" 1 $?

# Usage errors are errors.
"$RISKGATE" audit --stats --repo r --since 2026-13-01 "$mar" >out 2>&1
exits "--since: not a date" 2 $?
"$RISKGATE" audit --stats --repo r --period year "$mar" >out 2>&1
exits "--period year" 2 $?
"$RISKGATE" audit --stats --repo r --format sarif "$mar" >out 2>&1
exits "--format sarif" 2 $?
"$RISKGATE" audit --stats --repo r no-such-rev >out 2>&1
exits "unknown revision" 3 $?

# ---- the charts' axes ----------------------------------------------------------
# ticks_ok NAME PAGE STATS_JSON: each chart's value labels, read from the
# SVG, are round steps (1, 2 or 5 times a power of ten), strictly
# increasing from 0 and distinct, and the top one covers the chart's
# largest value (from the JSON) within one step.
ticks_ok() {
	if python3 - "$2" "$3" <<'PY' >"$W/ticks.out" 2>&1; then pass; else
import json, math, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
stats = json.load(open(sys.argv[2]))
periods = stats["periods"]
ttf = [p["hours_to_first_failure"]["p90"] for p in periods if p["hours_to_first_failure"]]
data = {
    "verdicts": (max(p["commits"] for p in periods), True),
    "shares": (100 * max(max(p["ai_share"], p["signoff_share"]) for p in periods), False),
    "findings": (max(sum(f["count"] for f in p["findings"]) for p in periods), True),
    "tier-findings": (max(sum(f["count"] for f in t["findings"]) for p in periods for t in p["tiers"]), True),
    "to-failure": (max(ttf) if ttf else 0, True),
}
charts = dict(re.findall(r'<svg id="([^"]+)"(.*?)</svg>', page, re.S))
bad = []
for chart, (top, tight) in data.items():
    if chart in ("findings", "tier-findings") and not stats["rules"]:
        continue
    if chart not in charts:
        bad.append(f"{chart}: no chart")
        continue
    labels = re.findall(r'<text class="axis[^"]*" x=[^>]*>([^<]*)</text>', charts[chart])
    try:
        values = [float(l.rstrip("%")) for l in labels]
    except ValueError:
        bad.append(f"{chart}: a label is not a number: {labels}")
        continue
    print(chart, labels, "max", top)
    if len(values) < 2 or len(set(labels)) != len(labels) or values[0] != 0:
        bad.append(f"{chart}: labels {labels}")
        continue
    steps = [b - a for a, b in zip(values, values[1:])]
    step = steps[0]
    mant = step / 10 ** math.floor(math.log10(step))
    if any(s <= 0 or abs(s - step) > 1e-9 * max(1, step) for s in steps):
        bad.append(f"{chart}: not increasing by one step: {labels}")
    if min(abs(mant - m) for m in (1, 2, 5)) > 1e-6:
        bad.append(f"{chart}: step {step} is not 1, 2 or 5 times a power of ten")
    if values[-1] < top - 1e-9 or (tight and top > 0 and values[-1] - step >= top):
        bad.append(f"{chart}: top {values[-1]} does not cover {top} within a step")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
		fail "$1"
		sed 's/^/    /' "$W/ticks.out" >&2
	fi
}
ticks_ok "axes: months of the main history" s.html s.json
ticks_ok "axes: the notes' history" hist.html hist.json
# Fractional hours: failures 6 and 18 minutes after the commits were
# written (a 0 to 0.3 hour axis), and five commits in one week.
git clone -q r f
a=$(git -C r rev-parse "$jan~1")
for x in "$a 2026-01-10T10:06:00Z" "$jan 2026-01-20T10:18:00Z"; do
	set -- $x
	printf '{"riskgate_verdict":1,"commit":"%s","verdict":"fail","range":{"base":"%s","merge_base":"%s","head":"%s"},"ref":null,"pusher":null,"evaluated_at":"%s","tool":{"name":"riskgate","version":"0"},"policy":{"source":"x","sha256":"x"},"requirements":[],"findings":[{"rule":"tests","count":3}],"waivers":[]}\n' \
		"$1" "$root" "$root" "$1" "$2" >"$W/rec.note"
	git -C f notes --ref riskgate add -f -F "$W/rec.note" "$1" 2>/dev/null
done
"$RISKGATE" audit --stats --repo f --policy policy.json --format json --html f.html "$root..$mar" >f.json 2>&1
exits "html with minutes to failure" 0 $?
jqt "minutes to failure: 0.1 and 0.3 hours" f.json \
	'.periods[0].hours_to_first_failure | ((.median - 0.2) | fabs) < 1e-9 and ((.p90 - 0.3) | fabs) < 1e-9'
ticks_ok "axes: fractions of an hour" f.html f.json
check "axes: 0.0 to 0.3 hours" sh -c 'sed -n "/<svg id=\"to-failure\"/,/<\/svg>/p" f.html | grep -o "<text class=\"axis tick\"[^>]*>[^<]*" | sed "s/.*>//" | tr "\n" " " | grep -qx "0.0 0.1 0.2 0.3 "'
check "axes: shares in steps of 20%" sh -c 'sed -n "/<svg id=\"shares\"/,/<\/svg>/p" f.html | grep -o "<text class=\"axis tick\"[^>]*>[^<]*" | sed "s/.*>//" | tr "\n" " " | grep -qx "0% 20% 40% 60% 80% 100% "'

# ---- the page, in a real browser ----------------------------------------------
"$RISKGATE" audit --stats --repo r --policy policy.json --html page.html --format json \
	"$root..$mar" >/dev/null 2>&1
exits "--html FILE" 0 $?

# self_contained FILE: nothing in FILE would be fetched or run: no script,
# no linked, embedded or imported file, no URL in an attribute or a style.
self_contained() {
	! grep -Eiq '<(script|link|img|iframe|object|embed|image|use|audio|video|source|base)[ >/]|[ "'"'"'](src|href|srcset|xlink:href|action|poster|data)=|url\(|@import' "$1"
}
check "page: self-contained (nothing fetched, no script)" self_contained page.html
# The check sees each way a page could fetch or run something.
for inject in '<img src="http://127.0.0.1:9/x.png">' '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">' \
	'<style>@import "http://127.0.0.1:9/x.css";</style>' '<p style="background:url(http://127.0.0.1:9/x.png)">' \
	'<script>1</script>' '<svg><image href="http://127.0.0.1:9/x.png"/></svg>' '<iframe src="x.html"></iframe>'; do
	sed "s|</body>|$inject</body>|" page.html >injected.html
	if self_contained injected.html; then fail "self_contained misses $inject"; else pass; fi
done

# png_check PNG MODE ARGS...: a check of a screenshot's pixels (MODE
# "charts" or "no-ink-right-of", below),
# decoded here with zlib (8-bit RGB or RGBA, every PNG filter) so that no
# imaging library is needed.
png_check() {
	python3 - "$@" <<'PY' >"$W/png.out" 2>&1
import collections, struct, sys, zlib

def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, "unexpected PNG format"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 2:
            line = bytearray((x + b) & 255 for x, b in zip(line, prev))
        elif f != 0:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                if f == 1: line[i] = (line[i] + a) & 255
                elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                else: raise ValueError("bad PNG filter")
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows

def rgb(s):
    return tuple(int(s[i:i + 2], 16) for i in (1, 3, 5))

w, h, px = decode(sys.argv[1])
mode = sys.argv[2]
bad = []
if mode == "charts":
    # Each row's colours, counted once.
    counts = [collections.Counter(row) for row in px]
    # Not blank: a good part of the page is not white.
    ink = sum(w - c[(255, 255, 255)] for c in counts)
    print("non-white pixels", ink, "of", w * h)
    if ink < w * h // 20:
        bad.append("the page is (nearly) blank")
    # The charts: bands of rows with the charts' background beside their
    # plots (tables, text and legends have none), in order; each must hold
    # its own colours' pixels.
    bg = rgb("#fafafa")
    bands = []
    for y in (y for y in range(h) if counts[y][bg] > w // 20):
        if bands and y - bands[-1][1] <= 8:
            bands[-1][1] = y
        else:
            bands.append([y, y])
    bands = [b for b in bands if b[1] - b[0] >= 150]
    print("chart bands", bands)
    want = [a.split(",") for a in sys.argv[3:]]
    if len(bands) != len(want):
        bad.append(f"{len(bands)} charts rendered, want {len(want)}")
    for band, colours in zip(bands, want):
        for c in colours:
            n = sum(counts[y][rgb(c)] for y in range(band[0], band[1] + 1))
            print("band", band, c, n)
            if n < 40:
                bad.append(f"chart at rows {band}: {n} pixels of {c}")
elif mode == "no-ink-right-of":
    # Nothing dark beyond column X in the top rows: the title wraps.
    x0, rows = int(sys.argv[3]), int(sys.argv[4])
    dark = [(x, y) for y in range(rows) for x in range(x0, w) if sum(px[y][x]) < 3 * 160]
    print("dark pixels right of", x0, len(dark))
    if dark:
        bad.append(f"{len(dark)} dark pixels right of column {x0}, e.g. {dark[:3]}")
    ink = [(x, y) for y in range(rows) for x in range(0, x0) if sum(px[y][x]) < 3 * 160]
    if len(ink) < 500:
        bad.append("no title drawn")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
}

if ! command -v chromium >/dev/null 2>&1; then
	fail "chromium is needed to render the page (Debian: chromium)"
else
	profile=$(mktemp -d)
	mkdir -p "$ARTIFACTS"
	# browse PNG PAGE [HEIGHT]: a screenshot of PAGE, what the browser
	# logged in browser.log.
	browse() {
		timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage \
			--user-data-dir="$profile" --hide-scrollbars \
			--enable-logging=stderr --v=0 --window-size="1100,${3:-2400}" \
			--screenshot="$1" "file://$2" >/dev/null 2>browser.log
	}
	browse "$ARTIFACTS/stats.png" "$W/page.html"
	exits "chromium renders the page" 0 $?
	# The five charts, in the page's order, by the colours of what each
	# draws: January's commits with no verdict, February's failing and
	# March's overridden; the two share lines; the findings of rule
	# "tests"; those of tier code (March) and docs (February); the median
	# and 90th percentile of the time to failure.
	if png_check "$ARTIFACTS/stats.png" charts "#9e9e9e,#c62828,#ef6c00" "#1565c0,#2e7d32" \
		"#1565c0" "#00838f,#f9a825" "#c62828,#4a148c"; then pass; else
		fail "screenshot: the charts are drawn"
		sed 's/^/    /' "$W/png.out" >&2
	fi
	check "rendered: no console message" sh -c '! grep -q "CONSOLE" browser.log'
	# The same checks fail on a page that does not render them: one whose
	# charts are hidden, and one that logs to the console.
	sed 's|</style>|svg.chart{display:none}</style>|' page.html >hidden.html
	browse "$W/hidden.png" "$W/hidden.html"
	if png_check "$W/hidden.png" charts "#9e9e9e,#c62828,#ef6c00" "#1565c0,#2e7d32" "#1565c0" \
		"#00838f,#f9a825" "#c62828,#4a148c"; then fail "screenshot check: misses hidden charts"; else pass; fi
	sed 's|</body>|<script>console.error("injected")</script></body>|' page.html >console.html
	browse "$W/console.png" "$W/console.html"
	check "console check: sees an error" grep -q "CONSOLE.*injected" browser.log

	# A long range name wraps inside the page: nothing is drawn right of
	# the body's column in the title's rows. The same page with wrapping
	# turned off runs off the side, so the check can fail.
	long=$(printf 'a%.0s' $(seq 1 200))
	git -C r branch "$long" "$mar"
	"$RISKGATE" audit --stats --repo r --policy policy.json --format html "$root..$long" >long.html 2>&1
	exits "html of a long range name" 0 $?
	browse "$W/long.png" "$W/long.html" 300
	if png_check "$W/long.png" no-ink-right-of 1075 220; then pass; else
		fail "a long title wraps"
		sed 's/^/    /' "$W/png.out" >&2
	fi
	sed 's|</style>|h1,.meta{overflow-wrap:normal!important}</style>|' long.html >nowrap.html
	browse "$W/nowrap.png" "$W/nowrap.html" 300
	if png_check "$W/nowrap.png" no-ink-right-of 1075 220; then
		fail "wrap check: misses a title that runs off"
	else pass; fi
	rm -rf "$profile"
fi

finish stats
