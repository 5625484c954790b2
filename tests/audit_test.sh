#!/bin/sh
# `riskgate audit`: real repositories with passing and failing commits, a
# merge whose conflict resolution adds what neither parent had, a root
# commit in the range, --branch, the JSON shape, markdown escaping of
# hostile names, and the exit codes (errors are never a pass).
. "$(dirname "$0")/lib.sh"
TESTDATA=$(cd "$(dirname "$0")/../testdata" && pwd)
TRAILERS="$TESTDATA/_policies/trailers.json"

cd "$T_ROOT"

# A policy with one content rule on every file and nothing else.
cat >rules.json <<'JSON'
{
  "version": 1,
  "default_tier": "code",
  "rules": [
    {"id": "leak", "message": "a secret is added", "severity": "error",
     "files": ["."], "trigger": "LEAKED_SECRET"}
  ],
  "tiers": [{"name": "code", "paths": [], "require": {"rules": ["leak"]}}]
}
JSON

ok_msg() {
	printf '%s\n\nSigned-off-by: Test Author <author@example.com>\nReviewed-by: M <maintainer@example.com>\n' "$1"
}

# audit RC_FILE OUT_FILE ARGS...: runs the audit, records its exit code.
audit() {
	rcf=$1
	outf=$2
	shift 2
	"$RISKGATE" audit "$@" >"$outf" 2>"$outf.err"
	echo $? >"$rcf"
	# Under ASan/UBSan a finding is on stderr (and exits 1, like a fail).
	if grep -q 'Sanitizer\|runtime error' "$outf.err"; then
		fail "sanitizer: audit $*"
		cat "$outf.err" >&2
	fi
}

# --- 1. a mix of passing and failing commits (trailers policy) ----------
git init -q mix
(
	cd mix
	echo base >a.c && git add a.c && git commit -q -m "$(ok_msg base)"
	git checkout -q -b feature
	echo one >>a.c && git commit -q -am "$(ok_msg 'good one')"
	echo two >>a.c && git commit -q -am "no sign-off here"
	echo three >>a.c && git commit -q -am "$(ok_msg 'good three')"
)
audit rc out.txt --repo mix --policy "$TRAILERS" main..feature
check "mix: exit 1" [ "$(cat rc)" = 1 ]
bad=$(git -C mix rev-parse --short=12 feature~1)
good=$(git -C mix rev-parse --short=12 feature)
check "mix: failing row" grep -Eq "^$bad  fail " out.txt
check "mix: passing row" grep -Eq "^$good  pass " out.txt
check "mix: 3 rows" [ "$(grep -cE '^[0-9a-f]{12}  (pass|fail)' out.txt)" = 3 ]
check "mix: violation listed" grep -q "require_signoff" out.txt
check "mix: range verdict" grep -q "the range: fail; verdict: fail" out.txt

# JSON shape, per commit.
audit rc out.json --repo mix --policy "$TRAILERS" --format json main..feature
check "json: exit 1" [ "$(cat rc)" = 1 ]
jqt() { [ "$(jq -r "$1" out.json 2>&1)" = true ]; }
check "json: schema" jqt '.schema_version == 1 and .tool.name == "riskgate" and .verdict == "fail"'
check "json: range" jqt '.range.spec == "main..feature" and (.range.base | length) == 40 and (.range.head | length) == 40'
check "json: 3 commits" jqt '(.commits | length) == 3 and .summary.commits == 3 and .summary.failed == 1'
check "json: commit fields" jqt 'all(.commits[]; has("sha") and has("author") and has("ai_assisted") and has("evidence") and has("tiers") and has("verdict") and has("violations"))'
check "json: failing commit" jqt '[.commits[] | select(.verdict == "fail")] | length == 1 and .[0].subject == "no sign-off here" and any(.[0].violations[]; .rule == "require_signoff")'
check "json: tiers" jqt 'all(.commits[]; .tiers == ["code"])'
check "json: passing commits" jqt '[.commits[] | select(.verdict == "pass")] | length == 2 and all(.[]; .violations == [])'
check "json: range_report is check's" jqt '.range_report.schema_version == 1 and .range_report.verdict == "fail" and .range_report.summary.commits == 3'
"$RISKGATE" check --repo mix --policy "$TRAILERS" --base main --head feature --format json >check.json 2>/dev/null
check "json: range_report equals check" [ "$(jq -S 'del(.range_report.tool)|.range_report' out.json)" = "$(jq -S 'del(.tool)' check.json)" ]

# --json FILE beside text output.
audit rc out.txt --repo mix --policy "$TRAILERS" --json side.json main..feature
check "--json file: exit 1" [ "$(cat rc)" = 1 ]
check "--json file: written" [ "$(jq -r '.commits | length' side.json)" = 3 ]
check "--json file: text on stdout" grep -q "^COMMIT " out.txt

# All commits pass: exit 0.
audit rc out.txt --repo mix --policy "$TRAILERS" feature~1..feature
check "pass: exit 0" [ "$(cat rc)" = 0 ]
check "pass: verdict" grep -q "verdict: pass" out.txt

# --- 2. a merge whose conflict resolution adds a violating line ----------
git init -q merge
(
	cd merge
	printf 'line1\nshared\nline3\n' >f.txt && git add f.txt && git commit -q -m base
	git checkout -q -b side
	printf 'line1\nside change\nline3\n' >f.txt && git commit -q -am side
	git checkout -q main
	git checkout -q -b feature
	printf 'line1\nfeature change\nline3\n' >f.txt && git commit -q -am feature
	git merge -q side -m merge >/dev/null 2>&1 || true
	printf 'line1\nresolved LEAKED_SECRET\nline3\n' >f.txt
	git add f.txt && git commit -q -m "merge side into feature"
)
audit rc out.json --repo merge --policy rules.json --format json main..feature
check "merge: exit 1" [ "$(cat rc)" = 1 ]
check "merge: 3 commits" jqt '(.commits | length) == 3'
check "merge: merge row fails on the resolution" jqt '[.commits[] | select((.parents | length) == 2)] | length == 1 and .[0].verdict == "fail" and any(.[0].violations[]; .rule == "leak" and .path == "f.txt" and .line == 2)'
check "merge: other rows pass" jqt '[.commits[] | select((.parents | length) == 1)] | all(.[]; .verdict == "pass")'
audit rc out.md --repo merge --policy rules.json --format markdown main..feature
check "merge: markdown exit 1" [ "$(cat rc)" = 1 ]
mshort=$(git -C merge rev-parse --short=12 feature)
check "merge: markdown row" grep -q "^| \`$mshort\` | .* | \*\*fail\*\* | 1 | none |$" out.md

# --- 3. a root commit in the range (the empty tree as its parent) --------
# Unrelated histories have no range to audit: an error.
git init -q rooted
(
	cd rooted
	echo a >a.txt && git add a.txt && git commit -q -m first
	git checkout -q --orphan other
	git rm -q -rf . && echo x >x && git add x && git commit -q -m other
)
audit rc out.json --repo rooted --policy rules.json --format json main..other
check "root: unrelated histories exit 3" [ "$(cat rc)" = 3 ]
# A second root joined by a merge: the root is in main..feature.
git init -q tworoots
(
	cd tworoots
	echo a >a.txt && git add a.txt && git commit -q -m first
	git checkout -q --orphan newroot
	git rm -q -rf . && printf 'LEAKED_SECRET\n' >k.txt && git add k.txt && git commit -q -m "new root"
	git checkout -q main
	git checkout -q -b feature
	git merge -q --allow-unrelated-histories newroot -m "join" >/dev/null
)
audit rc out.json --repo tworoots --policy rules.json --format json main..feature
check "root: exit 1" [ "$(cat rc)" = 1 ]
check "root: root commit row fails" jqt '[.commits[] | select((.parents | length) == 0)] | length == 1 and .[0].verdict == "fail" and .[0].subject == "new root" and any(.[0].violations[]; .rule == "leak" and .path == "k.txt")'
check "root: merge row also fails (adds k.txt against main)" jqt '[.commits[] | select((.parents | length) == 2)] | .[0].verdict == "fail"'

# Oracle: each row's file count is what git lists against the first parent.
for repo in merge tworoots mix; do
	"$RISKGATE" audit --repo $repo --policy rules.json --format json main..feature >o.json 2>/dev/null
	for sha in $(jq -r '.commits[].sha' o.json); do
		if [ -n "$(git -C $repo rev-list --parents -n 1 "$sha" | cut -s -d' ' -f2)" ]; then
			want=$(git -C $repo diff-tree -r -M -C --no-commit-id "$sha^1" "$sha" | wc -l)
		else
			want=$(git -C $repo diff-tree -r -M -C --no-commit-id --root "$sha" | wc -l)
		fi
		got=$(jq -r --arg s "$sha" '.commits[] | select(.sha == $s) | .files' o.json)
		check "oracle: $repo $sha files" [ "$got" -eq "$want" ]
	done
done

# --- 4. --branch against the default branch -----------------------------
audit rc out.txt --repo mix --policy "$TRAILERS" --branch feature
check "--branch: exit 1" [ "$(cat rc)" = 1 ]
check "--branch: spec" grep -q "riskgate audit of main..feature" out.txt
check "--branch: 3 rows" [ "$(grep -cE '^[0-9a-f]{12}  (pass|fail)' out.txt)" = 3 ]
audit rc out.json --repo mix --policy "$TRAILERS" --branch feature --format json
check "--branch: json" jqt '.range.branch == "feature" and (.commits | length) == 3'
git init -q nodefault
(cd nodefault && git checkout -q -b trunk && echo a >a && git add a && git commit -q -m a)
audit rc out.txt --repo nodefault --branch trunk
check "--branch: no default branch exit 2" [ "$(cat rc)" = 2 ]
check "--branch: says to pass a range" grep -q "pass a range" out.txt.err
audit rc out.txt --repo mix --policy "$TRAILERS" --branch main
check "--branch: the default branch itself is empty, exit 3" [ "$(cat rc)" = 3 ]

# --- 5. hostile names in markdown and text -------------------------------
git init -q hostile
(
	cd hostile
	echo a >a && git add a && git commit -q -m base
	git checkout -q -b feature
	printf 'x\n' >'we|ird`na*me.txt'
	git add -A
	GIT_AUTHOR_NAME='Eve | `rm -rf` & *co*' git commit -q -m 'pipe | and `tick`'
)
audit rc out.md --repo hostile --format markdown main..feature
check "hostile md: ran" [ "$(cat rc)" -le 1 ]
row=$(grep '^| `' out.md | head -n 1)
printf '%s\n' 'Eve \| \`rm -rf\` \& \*co\*' >want.txt
check "hostile md: author escaped" sh -c 'grep "^| \`" out.md | grep -qF -f want.txt'
# Unescaped pipes split cells: seven cells are eight pipes.
cells=$(printf '%s\n' "$row" | sed 's/\\|//g' | tr -cd '|' | wc -c)
check "hostile md: 7 cells" [ "$cells" -eq 8 ]
audit rc out.json --repo hostile --format json main..feature
check "hostile json: valid" sh -c 'jq -e . out.json >/dev/null'
check "hostile json: author kept" jqt '.commits[0].author.name == "Eve | `rm -rf` & *co*"'
# A control character in an author name is escaped on a terminal.
(
	cd hostile
	echo b >>a
	GIT_AUTHOR_NAME="$(printf 'Esc\033[31mape')" git commit -q -am esc
)
audit rc out.txt --repo hostile main..feature
check "hostile text: no raw escape" sh -c "! grep -q \"$(printf '\033')\" out.txt"
# A right-to-left override (U+202E) in a commit subject and author: audit's
# Markdown and text escape it exactly as check's writers do.
(
	cd hostile
	echo c >>a
	GIT_AUTHOR_NAME="$(printf 'Mallory \342\200\256evil')" git commit -q -am \
		"$(printf 'fix \342\200\256gnp.exe')"
)
rlo=$(printf '\342\200\256')
audit rc out.md --repo hostile --format markdown main..feature
check "hostile md: ran with U+202E" [ "$(cat rc)" -le 1 ]
check "hostile md: no raw U+202E" sh -c "! grep -q '$rlo' out.md"
check "hostile md: the subject is still there" grep -q 'gnp.exe' out.md
audit rc out.txt --repo hostile main..feature
check "hostile text: no raw U+202E" sh -c "! grep -q '$rlo' out.txt"

# --- AI-assisted commits: the column and the evidence ---------------------
git init -q ai
(
	cd ai
	echo a >a && git add a && git commit -q -m base
	git checkout -q -b feature
	echo b >>a && git commit -q -am "$(printf 'with help\n\nAssisted-by: Claude\n')"
	echo c >>a && git commit -q -am "by hand"
)
audit rc out.json --repo ai --format json main..feature
check "ai: json flag and evidence" jqt '.commits[0].ai_assisted == false and .commits[1].ai_assisted == true and (.commits[1].evidence | test("Claude"))'
audit rc out.txt --repo ai main..feature
check "ai: text column" grep -Eq "^$(git -C ai rev-parse --short=12 feature~1)  [a-z]+ +none +[0-9]+  yes " out.txt
audit rc out.md --repo ai --format markdown main..feature
check "ai: markdown cell" grep -q '| yes: .*Claude' out.md

# --- 7. a revision: its whole history, root commits included ------------
# Two histories joined by a merge: two root commits, the second one adding
# a secret. `audit main` evaluates what `git rev-list main` lists, judged
# by the policy in main's own tree.
git init -q whole
(
	cd whole
	cp ../rules.json .riskgate.json
	echo a >a && git add -A && git commit -q -m "first root"
	echo b >>a && git commit -q -am "second"
	git checkout -q --orphan other
	git rm -q -rf .
	echo LEAKED_SECRET >s && git add s && git commit -q -m "second root, with a secret"
	echo t >>s && git commit -q -am "on the other root"
	git checkout -q main
	git merge -q --allow-unrelated-histories -m "join" other
	echo c >>a && git commit -q -am "after the join"
)
audit rc out.json --repo whole --format json main
check "whole history: exit 1 (the second root adds a secret)" [ "$(cat rc)" = 1 ]
check "whole history: as many commits as git rev-list --count" \
	jqt "(.commits | length) == $(git -C whole rev-list --count main) and .summary.commits == $(git -C whole rev-list --count main)"
git -C whole rev-list main | sort >want.ids
jq -r '.commits[].sha' out.json | sort >got.ids
check "whole history: the commits git rev-list lists" cmp -s want.ids got.ids
check "whole history: both root commits" [ "$(git -C whole rev-list --max-parents=0 main | grep -cxFf got.ids)" = 2 ]
root2=$(git -C whole rev-list --max-parents=0 other)
check "whole history: the root with the secret fails" \
	jqt "[.commits[] | select(.sha == \"$root2\")] | length == 1 and .[0].verdict == \"fail\" and any(.[0].violations[]; .rule == \"leak\")"
check "whole history: no base" jqt '.range.spec == "main" and .range.base == "0000000000000000000000000000000000000000" and .range.head == "'"$(git -C whole rev-parse main)"'"'
check "whole history: the revision's own policy" jqt '.policy.sha256 == "'"$(sha256sum <rules.json | cut -d' ' -f1)"'"'
check "whole history: the range as a whole fails on the secret" jqt '.range_report.verdict == "fail" and .range_report.summary.commits == '"$(git -C whole rev-list --count main)"
audit rc out.txt --repo whole main~1
check "a revision expression: exit 1" [ "$(cat rc)" = 1 ]
check "a revision expression: its history's rows" \
	[ "$(grep -cE '^[0-9a-f]{12}  (pass|fail)' out.txt)" = "$(git -C whole rev-list --count main~1)" ]
audit rc out.txt --repo whole other
check "the other root's history: exit 1" [ "$(cat rc)" = 1 ]
check "the other root's history: 2 rows" [ "$(grep -cE '^[0-9a-f]{12}  (pass|fail)' out.txt)" = 2 ]
git clone -q --depth 1 "file://$T_ROOT/whole" shallow 2>/dev/null
audit rc out.txt --repo shallow main
check "whole history of a shallow clone: exit 3" [ "$(cat rc)" = 3 ]
audit rc out.txt --repo whole no-such-rev
check "unknown revision alone: exit 3" [ "$(cat rc)" = 3 ]

# --- 6. errors: never a pass ---------------------------------------------
audit rc out.txt --repo mix main..no-such-branch
check "unknown revision: exit 3" [ "$(cat rc)" = 3 ]
check "unknown revision: named" grep -q "no-such-branch" out.txt.err
audit rc out.txt --repo mix feature..main
check "empty range: exit 3" [ "$(cat rc)" = 3 ]
audit rc out.json --repo mix --format json feature..feature
check "empty range json: exit 3" [ "$(cat rc)" = 3 ]
check "empty range json: verdict error" jqt '.verdict == "error"'
audit rc out.txt --repo mix
check "no range: exit 2" [ "$(cat rc)" = 2 ]
audit rc out.txt --repo mix --branch feature main..feature
check "both: exit 2" [ "$(cat rc)" = 2 ]
audit rc out.txt --repo mix main...feature
check "symmetric range: exit 2" [ "$(cat rc)" = 2 ]
audit rc out.txt --repo mix --format sarif main..feature
check "bad format: exit 2" [ "$(cat rc)" = 2 ]
audit rc out.txt --repo mix --json /nonexistent/dir/x.json --policy "$TRAILERS" main..feature
check "unwritable --json: exit 3" [ "$(cat rc)" = 3 ]
"$RISKGATE" audit --help >out.txt 2>&1
check "help: exit 0" [ $? = 0 ]
check "help: usage" grep -q "usage: riskgate audit" out.txt
# Every option is in `audit --help`, --stats's too, and docs/audit.md's
# usage block says the same as the help's usage lines.
for opt in --repo --policy --branch --format --json --no-color --allowed-signers \
	--openpgp-keyring --stats --since --period --markdown --html; do
	check "help: $opt" grep -qE -- "(^|[[ ])$opt([] ,]|\$)" out.txt
done
sed -n '1,/^$/p' out.txt | sed 's/^usage: //; s/^   or: //' | tr -s ' \n' '  ' >help.usage
awk '/^```/ { n++; next } n == 1' "$TESTDATA/../docs/audit.md" | tr -s ' \n' '  ' >docs.usage
check "help: docs/audit.md's usage is the help's" cmp -s help.usage docs.usage

finish audit
