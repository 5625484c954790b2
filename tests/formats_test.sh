#!/bin/sh
# The output formats of `riskgate check` (docs/report.md): GitHub workflow commands,
# the Markdown step summary and SARIF, on real repositories whose changes
# fail, with file names built to break each format: a newline, "::error
# file=x::pwned", "%0A", commas, backticks, "|", "<script>", invalid UTF-8.
# Checks that no name can issue a workflow command or leave its Markdown
# span, the annotation caps, the 1 MiB summary cap on a 5,000-file change,
# what GitHub code scanning requires of SARIF, and several outputs of one
# run (also on an error). Validates SARIF against the official schema when
# python3 has jsonschema, and says how many checks it skipped otherwise.
. "$(dirname "$0")/lib.sh"
# The official SARIF 2.1.0 schema (OASIS), vendored so that CI validates too.
SCHEMA="$(cd "$(dirname "$0")/.." && pwd)/tests/data/sarif-schema-2.1.0.json"
SKIPPED=0
jqt() { jq -e "$@" >/dev/null; }

# A policy with one tier for everything: a content rule that fires on each
# added line containing BAD (error) or TODO (warning), and sign-off, so one
# change yields path+line violations and commit violations without a path.
POLICY="$T_ROOT/formats.json"
cat >"$POLICY" <<'EOF'
{
  "version": 1,
  "name": "formats",
  "default_tier": "all",
  "rules": [
    {"id": "no-bad", "message": "a BAD line was added", "severity": "error",
     "files": ["."], "trigger": "BAD", "hint": "remove the BAD line"},
    {"id": "todo", "message": "a TODO was added", "severity": "warning",
     "files": ["."], "trigger": "TODO", "hint": "file an issue instead"}
  ],
  "tiers": [
    {"name": "all", "paths": ["."],
     "require": {"rules": ["no-bad", "todo"], "provenance": {"require_signoff": true}}}
  ]
}
EOF
# Paired tests for every .c file: one "tests" violation per file, whose
# message names the file twice (for the size cap).
PAIRED="$T_ROOT/paired.json"
cat >"$PAIRED" <<'EOF'
{
  "version": 1,
  "name": "paired",
  "default_tier": "all",
  "tests": {"paths": ["^tests/"], "pairs": [{"from": "^(.*)\\.c$", "to": "tests/$1_test.c"}]},
  "tiers": [{"name": "all", "paths": ["."], "require": {"tests": "paired"}}]
}
EOF

# --- A change with hostile names -------------------------------------------
H="$T_ROOT/hostile"
new_repo "$H"
git -C "$H" checkout -q -b feature
mkdir -p "$H/src"
printf 'ok\nBAD\nTODO\n' >"$H/src/$(printf 'new\nline.c')"
printf 'BAD\n' >"$H/src/::error file=x::pwned.c"
printf 'BAD\n' >"$H/src/%0A::error::inj,a=b.c"
printf 'BAD\n' >"$H/src/a,b,c.c"
printf 'BAD\n' >"$H/src/back\`tick|pipe<script>&amp;.c"
printf 'BAD\n' >"$H/src/$(printf 'bad\377\376.c')"
printf 'BAD\n' >"$H/src/with space.c"
git -C "$H" add -A
git -C "$H" commit -q -m 'hostile names'

(cd "$H" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format github \
	--json "$T_ROOT/h.json" --sarif "$T_ROOT/h.sarif" --markdown "$T_ROOT/h.md") \
	>"$T_ROOT/h.gh" 2>"$T_ROOT/h.err"
check "hostile: exit 1 (fail)" [ $? -eq 1 ]
check "hostile: --json written" jqt '.verdict == "fail"' "$T_ROOT/h.json"
# 7 BAD lines, 1 commit without sign-off; 1 TODO.
check "hostile: 8 error violations, 1 warning" \
	jqt '.summary.violations == 8 and .summary.warnings == 1' "$T_ROOT/h.json"

gh="$T_ROOT/h.gh"
# Every line that the runner could take for a command (it trims leading
# white space first) is one of riskgate's own: a notice, or an annotation
# that riskgate itself titles.
bad=$(sed 's/^[[:space:]]*//' "$gh" | grep '^::' |
	grep -v -E '^::(error|warning) ((file=[^:,]*,)(line=[0-9]+,)?)?title=riskgate%3A \[all\] [^:]*::' |
	grep -v -E '^::notice title=riskgate::')
check "github: no foreign workflow command: $bad" [ -z "$bad" ]
check "github: one verdict notice first" \
	sh -c 'head -n 1 "$1" | grep -q "^::notice title=riskgate::FAIL"' - "$gh"
check "github: 8 ::error annotations" [ "$(grep -c '^::error ' "$gh")" -eq 8 ]
check "github: 1 ::warning annotation" [ "$(grep -c '^::warning ' "$gh")" -eq 1 ]
check "github: no injected command anywhere at a line start" \
	sh -c '! grep -E "^[[:space:]]*::error(::| file=x::)" "$1"' - "$gh"
check "github: no 'pwned' annotation of its own" \
	sh -c '! grep -E "^::[a-z-]+ [^:]*::pwned" "$1"' - "$gh"
# Properties escape % CR LF : , (escapeProperty); data escapes % CR LF.
check "github: newline in file= is %0A" grep -qF 'file=src/new%0Aline.c,line=2,' "$gh"
check "github: '::' in file= is %3A%3A" grep -qF 'file=src/%3A%3Aerror file=x%3A%3Apwned.c,line=1,' "$gh"
check "github: literal %0A in file= is %250A, comma %2C" \
	grep -qF 'file=src/%250A%3A%3Aerror%3A%3Ainj%2Ca=b.c,' "$gh"
check "github: commas in file= are %2C" grep -qF 'file=src/a%2Cb%2Cc.c,' "$gh"
check "github: invalid UTF-8 becomes U+FFFD" \
	grep -qF "file=src/bad$(printf '\357\277\275\357\277\275').c," "$gh"
check "github: no invalid byte reaches the log" sh -c '! LC_ALL=C grep -q "$(printf "\377")" "$1"' - "$gh"
check "github: ':' in the title is %3A" grep -qF 'title=riskgate%3A [all] rules/no-bad::' "$gh"
check "github: hint in the message after %0A" grep -qF '::a BAD line was added%0AHow to fix: remove the BAD line' "$gh"
check "github: commit-level violation names the short sha in the title, no file=" \
	grep -qE '^::error title=riskgate%3A \[all\] provenance/require_signoff \(commit [0-9a-f]{12}\)::' "$gh"
check "github: the text report follows" grep -q '^verdict: fail$' "$gh"
check "github: no cap notice below the cap" sh -c '! grep -q "more violation" "$1"' - "$gh"

# A data-only check of the escaper: an annotation of a line-less violation
# must not end early. Every annotation is exactly one line (no raw CR).
check "github: no carriage return" sh -c '! grep -q "$(printf "\r")" "$1"' - "$gh"

# --- Markdown of the hostile change ----------------------------------------
md="$T_ROOT/h.md"
check "markdown: heading with the verdict" grep -q '^## .* riskgate: fail$' "$md"
check "markdown: counts" grep -qF '**8 violations**, 1 warning' "$md"
check "markdown: tier table" grep -qF '| `all` | 7 | 0 pass, **2 fail** (`provenance`, `rules`) |' "$md"
check "markdown: backtick name in a longer fence" \
	grep -qF '``src/back`tick|pipe<script>&amp;.c``' "$md"
check "markdown: newline in a name is shown as \\n, on one line" grep -qF '`src/new\nline.c` line 2' "$md"
check "markdown: no line starts with the tail of a split name" sh -c '! grep -q "^line\.c" "$1"' - "$md"
check "markdown: invalid UTF-8 becomes U+FFFD" grep -qF "\`src/bad$(printf '\357\277\275\357\277\275').c\`" "$md"
check "markdown: how to fix" grep -qF '*How to fix:* remove the BAD line' "$md"
check "markdown: 9 list items, one per violation" \
	[ "$(grep -c '^- ' "$md")" -eq 9 ]
# Outside code spans no raw < or & from a name: strip the spans and look.
check "markdown: no raw HTML outside code spans" \
	sh -c '! sed -e "s/\`\`[^\`]*\`[^\`]*\`\`//g" -e "s/\`[^\`]*\`//g" "$1" | grep -q "<script>"' - "$md"
check "markdown: no invalid byte" sh -c '! LC_ALL=C grep -q "$(printf "\377")" "$1"' - "$md"

# Prose escaping: a commit subject shown for an AI-assisted commit.
A="$T_ROOT/ai"
new_repo "$A"
git -C "$A" checkout -q -b feature
printf 'BAD\n' >"$A/f.c"
git -C "$A" add -A
git -C "$A" commit -q -m 'feat: <img src=x onerror=alert(1)> *bold* [l](http://x) | `c`' \
	-m 'Co-authored-by: Claude <noreply@anthropic.com>'
(cd "$A" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format markdown) \
	>"$T_ROOT/ai.md" 2>&1
check "markdown: AI-assisted commit listed" grep -q 'AI-assisted: ' "$T_ROOT/ai.md"
check "markdown: subject escaped" \
	grep -qF 'feat: \<img src=x onerror=alert(1)\> \*bold\* \[l\](http://x) \| \`c\`' "$T_ROOT/ai.md"

# --- SARIF of the hostile change -------------------------------------------
s="$T_ROOT/h.sarif"
sj() { jq -e "$1" "$s" >/dev/null; }
check "sarif: version 2.1.0" sj '.version == "2.1.0"'
check "sarif: \$schema" sj '."$schema" == "https://json.schemastore.org/sarif-2.1.0.json"'
check "sarif: one run" sj '.runs | length == 1'
check "sarif: driver name and version" \
	sj '.runs[0].tool.driver | .name == "riskgate" and (.version | type == "string" and length > 0)'
check "sarif: one result per violation" sj '.runs[0].results | length == 9'
check "sarif: rule ids unique" sj '[.runs[0].tool.driver.rules[].id] | length == (unique | length)'
check "sarif: stable rule ids" \
	sj '[.runs[0].tool.driver.rules[].id] | sort == ["riskgate/provenance/require_signoff", "riskgate/rules/no-bad", "riskgate/rules/todo"]'
check "sarif: each rule has descriptions, help and a level" \
	sj 'all(.runs[0].tool.driver.rules[]; (.shortDescription.text | length > 0) and (.fullDescription.text | length > 0) and (.help.text | length > 0) and (.defaultConfiguration.level | IN("error", "warning", "note")))'
check "sarif: ruleIndex points at the rule of ruleId" \
	sj '.runs[0] as $r | all($r.results[]; $r.tool.driver.rules[.ruleIndex].id == .ruleId)'
check "sarif: levels" sj '[.runs[0].results[].level] | sort == ["error","error","error","error","error","error","error","error","warning"]'
check "sarif: every result has a message" sj 'all(.runs[0].results[]; .message.text | length > 0)'
check "sarif: every result has a location with a uri" \
	sj 'all(.runs[0].results[]; (.locations | length >= 1) and (.locations[0].physicalLocation.artifactLocation.uri | length > 0))'
check "sarif: uris are relative and percent-encoded" \
	sj 'all(.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri; test("^[A-Za-z0-9._~/%-]+$") and (startswith("/") | not) and (test("^[a-zA-Z][a-zA-Z0-9+.-]*:") | not))'
check "sarif: %XX are uppercase and well-formed" \
	sj 'all(.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri; test("%(?![0-9A-F]{2})") | not)'
check "sarif: startLine >= 1 where present" \
	sj 'all(.runs[0].results[].locations[0].physicalLocation.region.startLine // 1; . >= 1)'
check "sarif: a line for every rule finding" \
	sj '[.runs[0].results[] | select(.ruleId | startswith("riskgate/rules/")) | .locations[0].physicalLocation.region.startLine] | all(. >= 1) and length == 8'
check "sarif: partialFingerprints on every result" \
	sj 'all(.runs[0].results[]; .partialFingerprints["riskgate/v1"] | test("^[0-9a-f]{32}$"))'
check "sarif: fingerprints are the JSON report's" \
	sh -c '[ "$(jq -c "[.violations[].fingerprint] | sort" "$1")" = "$(jq -c "[.runs[0].results[].partialFingerprints[\"riskgate/v1\"]] | sort" "$2")" ]' - "$T_ROOT/h.json" "$s"
for u in 'src/new%0Aline.c' 'src/%3A%3Aerror%20file%3Dx%3A%3Apwned.c' \
	'src/%250A%3A%3Aerror%3A%3Ainj%2Ca%3Db.c' 'src/a%2Cb%2Cc.c' \
	'src/back%60tick%7Cpipe%3Cscript%3E%26amp%3B.c' 'src/bad%FF%FE.c' 'src/with%20space.c'; do
	check "sarif: uri $u" sj "[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | index(\"$u\") != null"
done
check "sarif: a commit violation is placed on a changed file" \
	sj '.runs[0].results[] | select(.ruleId == "riskgate/provenance/require_signoff") | .locations[0].physicalLocation | (.artifactLocation.uri | startswith("src/")) and (.region == null)'
check "sarif: verdict in run properties" sj '.runs[0].properties.verdict == "fail"'
check "sarif: invocation successful" sj '.runs[0].invocations[0].executionSuccessful == true'

# Schema validation: only when python3 has jsonschema (tools/deps.sh
# installs it); otherwise counted and said, never hidden.
validate() {
	python3 -c 'import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' "$1" "$SCHEMA"
}
if [ -f "$SCHEMA" ] && python3 -c 'import jsonschema' 2>/dev/null; then
	HAVE_SCHEMA=1
else
	HAVE_SCHEMA=0
fi
schema_check() {
	if [ "$HAVE_SCHEMA" -eq 1 ]; then
		check "$1" validate "$2"
	else
		SKIPPED=$((SKIPPED + 1))
	fi
}
schema_check "sarif: hostile change is schema-valid" "$s"

# --- Caps: 15 violations -> 10 annotations and a closing notice ------------
C="$T_ROOT/cap"
new_repo "$C"
git -C "$C" checkout -q -b feature
i=1
while [ $i -le 15 ]; do
	printf 'BAD\n' >"$C/f$i.c"
	i=$((i + 1))
done
i=1
while [ $i -le 12 ]; do
	printf 'TODO\n' >"$C/w$i.c"
	i=$((i + 1))
done
git -C "$C" add -A
git -C "$C" commit -q -m 'many' -s
(cd "$C" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format github) \
	>"$T_ROOT/cap.gh" 2>&1
check "cap: exit 1" [ $? -eq 1 ]
check "cap: 10 ::error lines" [ "$(grep -c '^::error ' "$T_ROOT/cap.gh")" -eq 10 ]
check "cap: 10 ::warning lines" [ "$(grep -c '^::warning ' "$T_ROOT/cap.gh")" -eq 10 ]
check "cap: closing notice counts 5 + 2 more" \
	grep -q '^::notice title=riskgate::7 more violations not shown as annotations' "$T_ROOT/cap.gh"
check "cap: the notice comes after the annotations" \
	sh -c 'grep "^::" "$1" | tail -n 1 | grep -q "more violations"' - "$T_ROOT/cap.gh"
(cd "$C" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format sarif) \
	>"$T_ROOT/cap.sarif" 2>&1
check "cap: sarif lists all 27" jqt '.runs[0].results | length == 27' "$T_ROOT/cap.sarif"

# Exactly 15 errors and nothing else: 10 + "5 more".
C2="$T_ROOT/cap2"
new_repo "$C2"
git -C "$C2" checkout -q -b feature
i=1
while [ $i -le 15 ]; do
	printf 'BAD\n' >"$C2/f$i.c"
	i=$((i + 1))
done
git -C "$C2" add -A
git -C "$C2" commit -q -m 'fifteen' -s
(cd "$C2" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format github) \
	>"$T_ROOT/cap2.gh" 2>&1
check "cap: 15 violations -> 10 ::error" [ "$(grep -c '^::error ' "$T_ROOT/cap2.gh")" -eq 10 ]
check "cap: ... and '5 more'" \
	grep -q '^::notice title=riskgate::5 more violations not shown as annotations.*see the step summary or the JSON report' "$T_ROOT/cap2.gh"

# --- 5,000 violating files with long names: the summary stays < 1 MiB ------
B="$T_ROOT/big"
new_repo "$B"
git -C "$B" checkout -q -b feature
seg=$(printf '%0200d' 0 | tr 0 d)
dir="$B/$seg/$seg/$seg/$seg/$seg/$seg"
mkdir -p "$dir"
(cd "$dir" && i=0 && while [ $i -lt 5000 ]; do
	: >"f$i|<b>\`x\`.c"
	i=$((i + 1))
done)
git -C "$B" add -A
git -C "$B" commit -q -m 'five thousand'
(cd "$B" && "$RISKGATE" check --base main --head feature --policy "$PAIRED" --format markdown \
	--sarif "$T_ROOT/big.sarif" --json "$T_ROOT/big.json") >"$T_ROOT/big.md" 2>"$T_ROOT/big.err"
check "big: exit 1" [ $? -eq 1 ]
check "big: 5000 violations in the JSON" jqt '.summary.violations == 5000' "$T_ROOT/big.json"
size=$(wc -c <"$T_ROOT/big.md")
check "big: markdown under 1 MiB ($size bytes)" [ "$size" -lt 1048576 ]
check "big: truncation note points at the JSON report" \
	grep -q '^> \*\*Truncated:\*\* [0-9]* violations.*The JSON report' "$T_ROOT/big.md"
listed=$(grep -c '^- ' "$T_ROOT/big.md")
omitted=$(sed -n 's/^> \*\*Truncated:\*\* \([0-9]*\) violations.*/\1/p' "$T_ROOT/big.md")
check "big: listed ($listed) + left out (${omitted:-?}) = 5000" [ $((listed + ${omitted:-0})) -eq 5000 ]
check "big: sarif has all 5000 results" jqt '.runs[0].results | length == 5000' "$T_ROOT/big.sarif"
(cd "$B" && "$RISKGATE" check --base main --head feature --policy "$PAIRED" --format github) \
	>"$T_ROOT/big.gh" 2>&1
check "big: github 10 annotations" [ "$(grep -c '^::error ' "$T_ROOT/big.gh")" -eq 10 ]
check "big: github says 4990 more" grep -q '^::notice title=riskgate::4990 more violations' "$T_ROOT/big.gh"

# --- A passing change ------------------------------------------------------
P="$T_ROOT/pass"
new_repo "$P"
git -C "$P" checkout -q -b feature
printf 'fine\n' >"$P/ok.c"
git -C "$P" add -A
git -C "$P" commit -q -m 'fine' -s
(cd "$P" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format github \
	--sarif "$T_ROOT/pass.sarif" --markdown "$T_ROOT/pass.md") >"$T_ROOT/pass.gh" 2>&1
check "pass: exit 0" [ $? -eq 0 ]
check "pass: notice PASS" grep -q '^::notice title=riskgate::PASS' "$T_ROOT/pass.gh"
check "pass: no annotations" sh -c '! grep -q "^::\(error\|warning\)" "$1"' - "$T_ROOT/pass.gh"
check "pass: sarif has no results, verdict pass" \
	jqt '(.runs[0].results | length == 0) and .runs[0].properties.verdict == "pass"' "$T_ROOT/pass.sarif"
check "pass: markdown heading" grep -q '^## .* riskgate: pass$' "$T_ROOT/pass.md"
schema_check "sarif: passing change is schema-valid" "$T_ROOT/pass.sarif"

# --- An error run: every file says "error" ---------------------------------
rm -f "$T_ROOT/e.json" "$T_ROOT/e.sarif" "$T_ROOT/e.md"
(cd "$P" && "$RISKGATE" check --base nosuchbranch --head feature --policy "$POLICY" \
	--format github --json "$T_ROOT/e.json" --sarif "$T_ROOT/e.sarif" \
	--markdown "$T_ROOT/e.md") >"$T_ROOT/e.gh" 2>"$T_ROOT/e.err"
check "error: exit 3" [ $? -eq 3 ]
check "error: json says error" jqt '.verdict == "error"' "$T_ROOT/e.json"
check "error: sarif says error" \
	jqt '.runs[0].properties.verdict == "error" and .runs[0].invocations[0].executionSuccessful == false and (.runs[0].invocations[0].toolExecutionNotifications[0].message.text | test("nosuchbranch"))' "$T_ROOT/e.sarif"
check "error: markdown says error" grep -q '^## .* riskgate: error$' "$T_ROOT/e.md"
check "error: github ::error annotation" grep -q '^::error title=riskgate error::' "$T_ROOT/e.gh"
schema_check "sarif: error run is schema-valid" "$T_ROOT/e.sarif"
(cd "$P" && "$RISKGATE" check --base nosuchbranch --head feature --policy "$POLICY" \
	--format sarif) >"$T_ROOT/e2.sarif" 2>/dev/null
check "error: --format sarif on stdout says error" \
	jqt '.runs[0].properties.verdict == "error"' "$T_ROOT/e2.sarif"

# --- The text after the annotations cannot issue a command either --------
# A waived finding is listed in the text as "  PATH:LINE: RULE waived: ...",
# a line that starts with the name; the runner trims leading blanks (also
# Unicode ones, like U+00A0) before it looks for "::".
W="$T_ROOT/waived"
new_repo "$W"
git -C "$W" checkout -q -b feature
printf 'BAD # riskgate: allow no-bad harmless here\n' >"$W/::error file=w::waived.c"
printf 'BAD # riskgate: allow no-bad harmless here\n' >"$W/$(printf '\302\240')::warning::nbsp.c"
git -C "$W" add -A
git -C "$W" commit -q -m 'waived' -s
# Waivers a change adds count only with an approval (policy "waivers").
printf '[{"id": 1, "user": {"login": "rita", "type": "User"}, "state": "APPROVED", "commit_id": "%s", "submitted_at": "2026-01-02T00:00:00Z", "author_association": "MEMBER"}]\n' \
	"$(git -C "$W" rev-parse HEAD)" >"$T_ROOT/w-approvals.json"
# An approval counts only from someone shown to have write access.
printf '{"rita": "write"}\n' >"$T_ROOT/w-permissions.json"
(cd "$W" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format github \
	--approvals "$T_ROOT/w-approvals.json" --permissions "$T_ROOT/w-permissions.json") >"$T_ROOT/w.gh" 2>&1
check "waived: exit 0" [ $? -eq 0 ]
# Each waiver twice: as a notice annotation and in the text after them.
check "waived: the waivers are listed" [ "$(grep -c 'waived: harmless here' "$T_ROOT/w.gh")" -eq 4 ]
check "waived: each waiver is a notice, its file name escaped" \
	grep -qF '::notice file=%3A%3Aerror file=w%3A%3Awaived.c,line=1,title=riskgate%3A [' "$T_ROOT/w.gh"
bad=$(sed "s/^[[:space:]$(printf '\302\240')]*//" "$T_ROOT/w.gh" | grep '^::' |
	grep -v '^::notice title=riskgate::' | grep -v '^::notice file=[^:]*,title=riskgate%3A \[[^]]*\] waived rules/no-bad::waived: harmless here$')
check "waived: no command but the verdict and waiver notices: $bad" [ -z "$bad" ]
(cd "$W" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format sarif \
	--approvals "$T_ROOT/w-approvals.json" --permissions "$T_ROOT/w-permissions.json") >"$T_ROOT/w.sarif" 2>&1
check "waived: SARIF lists each waived finding, suppressed in source" \
	jqt '[.runs[0].results[] | select(.suppressions[0].kind == "inSource" and .suppressions[0].justification == "harmless here" and .level == "note")] | length == 2' "$T_ROOT/w.sarif"
schema_check "waived: SARIF with suppressions is valid" "$T_ROOT/w.sarif"
(cd "$W" && "$RISKGATE" check --base main --head feature --policy "$POLICY" \
	--approvals "$T_ROOT/w-approvals.json" --permissions "$T_ROOT/w-permissions.json") >"$T_ROOT/w.txt" 2>&1
bad=$(sed "s/^[[:space:]$(printf '\302\240')]*//" "$T_ROOT/w.txt" | grep '^::')
check "waived: the plain text report starts no line with '::' either: $bad" [ -z "$bad" ]

# --- Usage -----------------------------------------------------------------
"$RISKGATE" check --format xml >"$T_ROOT/u.out" 2>&1
check "usage: unknown format exits 2" [ $? -eq 2 ]
check "usage: names the formats" grep -q 'expected text, json, github, markdown or sarif' "$T_ROOT/u.out"
"$RISKGATE" check --help >"$T_ROOT/help.out" 2>&1
for w in '--sarif FILE' '--markdown FILE' 'github'; do
	check "help mentions $w" grep -qF -- "$w" "$T_ROOT/help.out"
done

if [ "$SKIPPED" -gt 0 ]; then
	printf 'formats: %d SARIF schema validation(s) SKIPPED (python3 with jsonschema not found; tools/deps.sh installs python3-jsonschema)\n' "$SKIPPED"
fi
finish formats
