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
# Where SARIF's rules link to, as the Action sets it; unset for one run below.
RISKGATE_DOCS_URL=https://github.com/acme/riskgate/blob/v1/docs/
export RISKGATE_DOCS_URL

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
# The AI-written lines of a git-ai note with a hostile model, line by line in
# SARIF's run.artifacts: validated below with the schema and the multitool.
printf 'f.c\n  s_aaaaaaaaaaaaaa::t_1 1\n---\n{"schema_version": "authorship/3.0.0", "git_ai_version": "1.4.5", "base_commit_sha": "x", "prompts": {}, "sessions": {"s_aaaaaaaaaaaaaa": {"agent_id": {"tool": "claude", "id": "c", "model": "m\\n<b>|x`"}}}}\n' >"$T_ROOT/ai.note"
git -C "$A" notes --ref=ai add -f -F "$T_ROOT/ai.note" HEAD
(cd "$A" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format sarif) \
	>"$T_ROOT/ainote.sarif" 2>/dev/null
check "sarif: the AI-written lines as an artifact's properties" \
	jqt '.runs[0].artifacts == [{"location": {"uri": "f.c", "uriBaseId": "%SRCROOT%"}, "properties": {"aiWrittenLines": 1, "aiLines": [{"startLine": 1, "endLine": 1, "aiTool": "claude", "aiModel": "m\n<b>|x`", "match": "line"}]}}]' "$T_ROOT/ainote.sarif"

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
	sj '[.runs[0].results[].ruleId] | unique == ["riskgate/provenance/require_signoff", "riskgate/rules/no-bad", "riskgate/rules/todo"]'
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
check "sarif: every result has a region with startLine >= 1 (GitHub's GH1003)" \
	sj 'all(.runs[0].results[].locations[0].physicalLocation.region.startLine; type == "number" and . >= 1)'
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
check "sarif: a commit violation is placed on line 1 of a changed file" \
	sj '.runs[0].results[] | select(.ruleId == "riskgate/provenance/require_signoff") | .locations[0].physicalLocation | (.artifactLocation.uri | startswith("src/")) and (.region.startLine == 1)'
check "sarif: GitHub's line fingerprint on every result" \
	sj 'all(.runs[0].results[]; .partialFingerprints.primaryLocationLineHash | test("^[0-9a-f]{1,16}:[1-9][0-9]*$"))'
check "sarif: the full rule set, not only rules with results" \
	sj '[.runs[0].tool.driver.rules[].id] | (index("riskgate/tests") != null) and (index("riskgate/signed_commits") != null) and (index("riskgate/provenance/require_disclosure") != null) and (index("riskgate/rules/unscannable-file") != null) and length >= 15'
check "sarif: every check of riskgate is a rule" \
	sj '[.runs[0].tool.driver.rules[].id] as $ids | all(["tests","max_files","max_lines","provenance","approvals","reviewers","approval_rules","codeowners","observability","rules","signed_commits"][]; ("riskgate/" + .) as $i | $ids | index($i) != null)'
check "sarif: friendly names in PascalCase, not the id" \
	sj 'all(.runs[0].tool.driver.rules[]; (.name | test("^[A-Z][A-Za-z0-9]*$")) and .name != .id)'
check "sarif: help.markdown, precision and problem.severity on every rule" \
	sj 'all(.runs[0].tool.driver.rules[]; (.help.markdown | length > 0) and (.properties.precision | IN("very-high","high","medium","low")) and (.properties["problem.severity"] | IN("error","warning","recommendation")))'
check "sarif: no security-severity without a security tag" \
	sj 'all(.runs[0].tool.driver.rules[]; (.properties["security-severity"] == null) or (.properties.tags | index("security") != null))'
check "sarif: automationDetails names the category riskgate" \
	sj '.runs[0].automationDetails.id | test("^riskgate/[0-9a-f]{40}$")'
check "sarif: originalUriBaseIds describes %SRCROOT%" \
	sj '.runs[0].originalUriBaseIds["%SRCROOT%"].description.text | length > 0'
check "sarif: no versionControlProvenance for a repository with no remote" \
	sj '.runs[0].versionControlProvenance == null'
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
schema_check "sarif: AI-written lines are schema-valid" "$T_ROOT/ainote.sarif"

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
# An empty results list would tell code scanning "no findings" and close
# every open alert; no list at all is SARIF's "not determined", which the
# uploader refuses.
check "sarif: error run has no results list at all" \
	jqt '.runs[0] | has("results") | not' "$T_ROOT/e.sarif"
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
# Code scanning ignores suppressions unless a repository setting says
# otherwise: a waived finding sent as a result would be an open alert.
check "waived: SARIF has no result for a waived finding, and counts them" \
	jqt '(.runs[0].results | length == 0) and .runs[0].properties.waived == 2' "$T_ROOT/w.sarif"
schema_check "waived: SARIF is valid" "$T_ROOT/w.sarif"
(cd "$W" && "$RISKGATE" check --base main --head feature --policy "$POLICY" \
	--approvals "$T_ROOT/w-approvals.json" --permissions "$T_ROOT/w-permissions.json") >"$T_ROOT/w.txt" 2>&1
bad=$(sed "s/^[[:space:]$(printf '\302\240')]*//" "$T_ROOT/w.txt" | grep '^::')
check "waived: the plain text report starts no line with '::' either: $bad" [ -z "$bad" ]

# --- Code scanning: GitHub's figures, security rules, provenance ----------
# GitHub's uploader fingerprints a result by a hash of its line; its own
# tests (github/codeql-action, src/fingerprints.test.ts) give the values for
# these two files, which riskgate must reproduce from the blobs it read.
F="$T_ROOT/fp"
new_repo "$F"
git -C "$F" checkout -q -b feature
printf ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n' >"$F/greet.txt"
i=0
while [ $i -lt 10 ]; do
	printf 'Lorem ipsum dolor sit amet.\n' >>"$F/lorem.txt"
	i=$((i + 1))
done
printf 'ok\n' >"$F/sub.c"
git -C "$F" add -A
git -C "$F" commit -q -m 'files GitHub has figures for' -s
FP_POLICY="$T_ROOT/fp.json"
cat >"$FP_POLICY" <<'EOF2'
{
  "version": 1,
  "name": "fingerprints",
  "default_tier": "all",
  "rules": [
    {"id": "world", "message": "world found", "files": ["greet"], "trigger": "world",
     "security_severity": 7.5, "precision": "medium"},
    {"id": "lorem", "message": "lorem found", "files": ["lorem"], "trigger": "Lorem",
     "severity": "warning"}
  ],
  "tiers": [{"name": "all", "paths": ["."],
             "require": {"rules": ["world", "lorem"], "max_files": 1}}]
}
EOF2
git -C "$F" remote add origin 'https://someone:s3cr3t-t0ken@git.example.com/acme/svc.git?token=q5tok#frag'
(cd "$F" && env -u RISKGATE_DOCS_URL "$RISKGATE" check --base main --head feature \
	--policy "$FP_POLICY" --format sarif) >"$T_ROOT/fp.sarif" 2>"$T_ROOT/fp.err"
check "fingerprints: exit 1" [ $? -eq 1 ]
fpj() { jq -e "$1" "$T_ROOT/fp.sarif" >/dev/null; }
check "docs: no helpUri or informationUri without RISKGATE_DOCS_URL" \
	fpj '(.runs[0].tool.driver.informationUri == null) and all(.runs[0].tool.driver.rules[]; .helpUri == null)'
hash_at() { # URI LINE: the primaryLocationLineHash of the result there
	jq -r --arg u "$1" --argjson l "$2" '[.runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri == $u and .locations[0].physicalLocation.region.startLine == $l) | .partialFingerprints.primaryLocationLineHash][0]' "$T_ROOT/fp.sarif"
}
check "fingerprints: greet.txt line 2 is GitHub's fb7c023a8b9ccb3f:1" [ "$(hash_at greet.txt 2)" = fb7c023a8b9ccb3f:1 ]
n=1
for want in a7f2ff13bc495cf2:1 a7f2ff13bc495cf2:2 a7f2ff13bc495cf2:3 a7f2ff13bc495cf2:4 \
	a7f2ff13bc495cf2:5 a7f2ff13bc495cf2:6 a7f2ff1481e87703:1 a9cf91f7bbf1862b:1 \
	55ec222b86bcae53:1 cc97dc7b1d7d8f7b:1; do
	check "fingerprints: lorem.txt line $n is GitHub's $want" [ "$(hash_at lorem.txt $n)" = "$want" ]
	n=$((n + 1))
done
# max_files: a finding of the tier, placed on line 1 of its first file.
check "fingerprints: a tier finding is on line 1 of the tier's first file, with its hash" \
	fpj '.runs[0].results[] | select(.ruleId == "riskgate/max_files") | (.locations[0].physicalLocation.artifactLocation.uri == "greet.txt") and (.locations[0].physicalLocation.region.startLine == 1) and (.partialFingerprints.primaryLocationLineHash == "8b7cf3e952e7aeb2:1" | not) and (.partialFingerprints.primaryLocationLineHash == "e9496ae3ebfced30:1")'
check "security: a rule with security_severity is a security rule" \
	fpj '.runs[0].tool.driver.rules[] | select(.id == "riskgate/rules/world") | (.properties["security-severity"] == "7.5") and (.properties.tags | index("security") != null) and .properties.precision == "medium" and .defaultConfiguration.level == "error"'
check "security: a rule without it is not" \
	fpj '.runs[0].tool.driver.rules[] | select(.id == "riskgate/rules/lorem") | (.properties["security-severity"] == null) and (.properties.tags | index("security") == null) and .properties.precision == "high" and .properties["problem.severity"] == "warning" and .defaultConfiguration.level == "warning"'
check "provenance: origin's address without user, token, query or fragment" \
	fpj '.runs[0].versionControlProvenance == [{"repositoryUri": "https://git.example.com/acme/svc.git", "revisionId": (.runs[0].automationDetails.id | ltrimstr("riskgate/")), "mappedTo": {"uriBaseId": "%SRCROOT%"}}]'
check "provenance: no credential anywhere in the SARIF" \
	sh -c '! grep -q -e s3cr3t -e q5tok -e someone "$1"' - "$T_ROOT/fp.sarif"
git -C "$F" remote set-url origin 'deploy@git.example.com:acme/svc.git'
(cd "$F" && "$RISKGATE" check --base main --head feature --policy "$FP_POLICY" --format sarif) \
	>"$T_ROOT/fp2.sarif" 2>/dev/null
check "provenance: scp-like remote becomes ssh://host/path" \
	jqt '.runs[0].versionControlProvenance[0].repositoryUri == "ssh://git.example.com/acme/svc.git"' "$T_ROOT/fp2.sarif"
(cd "$F" && GITHUB_SERVER_URL=https://ghe.example.com GITHUB_REPOSITORY=acme/svc \
	RISKGATE_DOCS_URL=https://ghe.example.com/tools/riskgate/blob/v1/docs/ \
	"$RISKGATE" check --base main --head feature --policy "$FP_POLICY" --format sarif) \
	>"$T_ROOT/fp3.sarif" 2>/dev/null
check "provenance: a workflow's GITHUB_SERVER_URL/GITHUB_REPOSITORY win over origin" \
	jqt '.runs[0].versionControlProvenance[0].repositoryUri == "https://ghe.example.com/acme/svc"' "$T_ROOT/fp3.sarif"
check "docs: informationUri and each rule's helpUri from RISKGATE_DOCS_URL" \
	jqt '(.runs[0].tool.driver.informationUri == "https://ghe.example.com/tools/riskgate/blob/v1/docs/") and all(.runs[0].tool.driver.rules[]; .helpUri | startswith("https://ghe.example.com/tools/riskgate/blob/v1/docs/policy.md#"))' "$T_ROOT/fp3.sarif"
# Every anchor a rule links to is a heading of docs/policy.md (GitHub's slug:
# lower case, punctuation but - and _ dropped, spaces as -).
DOCS_DIR="$(cd "$(dirname "$0")/.." && pwd)/docs"
slugs=$(grep '^#' "$DOCS_DIR/policy.md" | sed 's/^#* //' | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9 _-]//g; s/ /-/g')
for a in $(jq -r '.runs[0].tool.driver.rules[].helpUri | sub(".*#"; "")' "$T_ROOT/fp3.sarif" | sort -u); do
	check "docs: policy.md has the heading #$a" sh -c 'printf "%s\n" "$1" | grep -qx -- "$2"' - "$slugs" "$a"
done
(cd "$F" && RISKGATE_DOCS_URL='javascript:alert(1)//' \
	"$RISKGATE" check --base main --head feature --policy "$FP_POLICY" --format sarif) \
	>"$T_ROOT/fp4.sarif" 2>"$T_ROOT/fp4.err"
check "docs: a RISKGATE_DOCS_URL that is no http(s) directory is a usage error (exit 2)" [ $? -eq 2 ]
check "docs: ... which says so" grep -q 'RISKGATE_DOCS_URL must be' "$T_ROOT/fp4.err"
for bad in 'https://x.example/docs' 'https://x.example/"><script>/' 'ftp://x.example/'; do
	(cd "$F" && RISKGATE_DOCS_URL="$bad" "$RISKGATE" check --base main --head feature \
		--policy "$FP_POLICY" --format sarif) >/dev/null 2>&1
	check "docs: RISKGATE_DOCS_URL=$bad refused" [ $? -eq 2 ]
done
for bad in '0' '10.5' '"high"' '7.25'; do
	sed "s/\"security_severity\": 7.5/\"security_severity\": $bad/" "$FP_POLICY" >"$T_ROOT/fp-bad.json"
	"$RISKGATE" policy lint "$T_ROOT/fp-bad.json" >"$T_ROOT/fp-bad.out" 2>&1
	check "policy: security_severity $bad is refused" [ $? -eq 2 ]
done
check "policy: ... saying what it must be" grep -q 'security_severity.*0.1 to 10.0' "$T_ROOT/fp-bad.out"
sed 's/"precision": "medium"/"precision": "certain"/' "$FP_POLICY" >"$T_ROOT/fp-bad.json"
"$RISKGATE" policy lint "$T_ROOT/fp-bad.json" >/dev/null 2>&1
check "policy: an unknown precision is refused" [ $? -eq 2 ]
schema_check "fingerprints: SARIF is schema-valid" "$T_ROOT/fp.sarif"

# A remote URL with a password that is not percent-encoded can hide it
# anywhere; such a URL is not written at all.
for u in 'user:s3cr3t@git.example.com:acme/svc.git' 'https://user:s3#cr3t@git.example.com/x' \
	'https://user:s3?cr3t@git.example.com/x' 'https://user:s3/cr3t@git.example.com/x' \
	'https://git.example.com/path@s3cr3t'; do
	git -C "$F" remote set-url origin "$u"
	(cd "$F" && "$RISKGATE" check --base main --head feature --policy "$FP_POLICY" --format sarif) \
		>"$T_ROOT/fp-url.sarif" 2>/dev/null
	check "provenance: '$u' is not written, nor any part of its secret" \
		sh -c 'jq -e ".runs[0].versionControlProvenance == null" "$1" >/dev/null && ! grep -q cr3t "$1"' - "$T_ROOT/fp-url.sarif"
done

# A lone CR ends a line for GitHub: the region and the fingerprint are of
# its line 3 ("BAD"), which riskgate counts as line 2 (values from the
# uploader's hashing code run on this file).
C3="$T_ROOT/cr"
new_repo "$C3"
git -C "$C3" checkout -q -b feature
printf 'a\rb\nBAD\n' >"$C3/cr.txt"
git -C "$C3" add -A && git -C "$C3" commit -q -m cr -s
(cd "$C3" && "$RISKGATE" check --base main --head feature --policy "$POLICY" --format sarif) >"$T_ROOT/cr.sarif" 2>/dev/null
check "lone CR: the finding is on GitHub's line 3 with that line's fingerprint" \
	jqt '[.runs[0].results[] | select(.ruleId == "riskgate/rules/no-bad")][0] | (.locations[0].physicalLocation.region.startLine == 3) and (.partialFingerprints.primaryLocationLineHash == "b50a074f3c84d6c4:1")' "$T_ROOT/cr.sarif"

# A file over 64 MiB is not read to fingerprint a result: the result is
# there, on line 1, without primaryLocationLineHash.
G="$T_ROOT/giant"
new_repo "$G"
git -C "$G" checkout -q -b feature
head -c 68157440 /dev/zero >"$G/giant.bin"
git -C "$G" add -A && git -C "$G" commit -q -m giant -s
printf '{"version": 1, "default_tier": "all", "tiers": [{"name": "all", "require": {"max_files": 0}}]}\n' >"$T_ROOT/giant.json"
(cd "$G" && "$RISKGATE" check --base main --head feature --policy "$T_ROOT/giant.json" --format sarif) >"$T_ROOT/giant.sarif" 2>/dev/null
check "giant: the result is on line 1 of the file, with no line fingerprint" \
	jqt '.runs[0].results[0] | (.locations[0].physicalLocation.artifactLocation.uri == "giant.bin") and (.locations[0].physicalLocation.region.startLine == 1) and (.partialFingerprints.primaryLocationLineHash == null) and (.partialFingerprints["riskgate/v1"] | length == 32)' "$T_ROOT/giant.sarif"
rm -rf "$G"

# A symbolic link: the uploader would hash the file it points to, riskgate
# has the link's own blob; no fingerprint from riskgate.
L="$T_ROOT/link"
new_repo "$L"
git -C "$L" checkout -q -b feature
printf 'target\n' >"$L/target.txt"
ln -s target.txt "$L/alias.txt"
git -C "$L" add -A && git -C "$L" commit -q -m link -s
printf '{"version": 1, "default_tier": "all", "tiers": [{"name": "all", "require": {"tests": "changed"}}]}\n' >"$T_ROOT/link.json"
(cd "$L" && "$RISKGATE" check --base main --head feature --policy "$T_ROOT/link.json" --format sarif) >"$T_ROOT/link.sarif" 2>/dev/null
check "symlink: its result has no line fingerprint, the target's has" \
	jqt '([.runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri == "alias.txt")][0].partialFingerprints.primaryLocationLineHash == null) and ([.runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri == "target.txt")][0].partialFingerprints.primaryLocationLineHash | type == "string")' "$T_ROOT/link.sarif"

# Built-in rule names are riskgate's: a policy cannot take them.
for r in unscannable-file unscannable-source; do
	printf '{"version": 1, "default_tier": "all", "rules": [{"id": "%s", "message": "m", "files": ["."], "trigger": "X"}], "tiers": [{"name": "all", "require": {"rules": ["%s"]}}]}\n' "$r" "$r" >"$T_ROOT/res.json"
	"$RISKGATE" policy lint "$T_ROOT/res.json" >"$T_ROOT/res.out" 2>&1
	check "policy: a content rule named $r is refused" sh -c '[ "$1" -eq 2 ] && grep -q "riskgate.s own" "$2"' - $? "$T_ROOT/res.out"
done
printf '{"version": 1, "default_tier": "all", "observability": {"languages": [{"name": "unscannable-source", "files": ["x$"], "hooks": ["log"]}]}, "tiers": [{"name": "all"}]}\n' >"$T_ROOT/res.json"
"$RISKGATE" policy lint "$T_ROOT/res.json" >"$T_ROOT/res.out" 2>&1
check "policy: a language named unscannable-source is refused" sh -c '[ "$1" -eq 2 ] && grep -q "riskgate.s own" "$2"' - $? "$T_ROOT/res.out"
# Two ids that give one friendly name get two names.
printf '{"version": 1, "default_tier": "all", "rules": [{"id": "py.eval", "message": "m", "files": ["."], "trigger": "X"}, {"id": "py-eval", "message": "m", "files": ["."], "trigger": "Y"}], "tiers": [{"name": "all", "require": {"rules": ["py.eval", "py-eval"]}}]}\n' >"$T_ROOT/names.json"
(cd "$C3" && "$RISKGATE" check --base main --head feature --policy "$T_ROOT/names.json" --format sarif) >"$T_ROOT/names.sarif" 2>/dev/null
check "sarif: friendly names are unique" \
	jqt '[.runs[0].tool.driver.rules[].name] | length == (unique | length)' "$T_ROOT/names.sarif"

# More findings than code scanning takes in one run (25,000): the errors and
# the most severe security findings are kept, so 25,000 warnings cannot
# push a secret out of code scanning (and close its alert).
N="$T_ROOT/noise"
new_repo "$N"
git -C "$N" checkout -q -b feature
awk 'BEGIN { for (i = 0; i < 25001; i++) print "NOISE" }' >"$N/a_noise.txt"
printf 'key = "SECRET"\n' >"$N/z_creds.c"
git -C "$N" add -A && git -C "$N" commit -q -m noise -s
cat >"$T_ROOT/noise.json" <<'EOF2'
{"version": 1, "default_tier": "all",
 "rules": [{"id": "noise", "message": "noise", "severity": "warning", "files": ["."], "trigger": "NOISE"},
           {"id": "secret", "message": "a secret", "files": ["."], "trigger": "SECRET",
            "security_severity": 9.5}],
 "tiers": [{"name": "all", "require": {"rules": ["noise", "secret"]}}]}
EOF2
(cd "$N" && "$RISKGATE" check --base main --head feature --policy "$T_ROOT/noise.json" --format sarif) >"$T_ROOT/noise.sarif" 2>/dev/null
check "cap: 25,000 results, two omitted (25,002 findings)" \
	jqt '(.runs[0].results | length == 25000) and .runs[0].properties.omittedResults == 2' "$T_ROOT/noise.sarif"
check "cap: the security error is kept" \
	jqt '[.runs[0].results[] | select(.ruleId == "riskgate/rules/secret")] | length == 1' "$T_ROOT/noise.sarif"
check "cap: the run says findings were left out" \
	jqt '[.runs[0].invocations[0].toolExecutionNotifications[] | select(.level == "warning" and (.message.text | test("^2 findings are not results here")))] | length == 1' "$T_ROOT/noise.sarif"
check "cap: the results stay in the report's order" \
	jqt '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | . == sort' "$T_ROOT/noise.sarif"

# Microsoft's SARIF multitool with GitHub's ingestion rules switched on
# (GH1001 to GH1007, tests/data/sarif-github-rules.xml): no error and no
# warning. Its exit status says nothing about findings, so its own SARIF
# log is read.
MULTITOOL=$(sh "$(dirname "$0")/../tools/sarif-multitool.sh" 2>"$T_ROOT/mt-install.err") || MULTITOOL=""
GH_RULES="$(cd "$(dirname "$0")/.." && pwd)/tests/data/sarif-github-rules.xml"
multitool_findings() { # SARIF: prints the ids of its errors and warnings, one per line
	rm -f "$T_ROOT/mt.sarif"
	DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$MULTITOOL" validate "$1" -c "$GH_RULES" \
		--rule-kind "Gh;Sarif" --level "Error;Warning;Note" -o "$T_ROOT/mt.sarif" \
		--log ForceOverwrite --quiet true >"$T_ROOT/mt.out" 2>&1 || { echo "multitool failed"; return 0; }
	[ -s "$T_ROOT/mt.sarif" ] || { echo "no log"; return 0; }
	jq -r '.runs[].results[]? | select((.level // "warning") | IN("error", "warning")) | .ruleId' \
		"$T_ROOT/mt.sarif" | sort -u
}
multitool_says() { # SARIF EXPECTED
	got=$(multitool_findings "$1")
	[ "$got" = "$2" ] || { printf 'multitool on %s: got [%s], expected [%s]\n' "$1" "$got" "$2" >&2; return 1; }
}
MT_SKIPPED=0
for f in h fp3 pass w cap ainote; do
	if [ -n "$MULTITOOL" ]; then
		check "multitool with GitHub's rules: $f.sarif has no error or warning" multitool_says "$T_ROOT/$f.sarif" ""
	else
		MT_SKIPPED=$((MT_SKIPPED + 1))
	fi
done
if [ -n "$MULTITOOL" ]; then
	# Without RISKGATE_DOCS_URL there is no address for informationUri.
	check "multitool: without a docs URL, only SARIF2005 (no informationUri)" \
		multitool_says "$T_ROOT/fp.sarif" SARIF2005
	# An error run is one GitHub must refuse (no results list): GH1014.
	check "multitool: an error run is refused by GitHub's rules (GH1014) and nothing else" \
		multitool_says "$T_ROOT/e.sarif" GH1014
	# The validation can fail, and the GitHub rules are on: a result
	# without a region is GH1003.
	jq 'del(.runs[0].results[0].locations[0].physicalLocation.region)' "$T_ROOT/fp3.sarif" >"$T_ROOT/noregion.sarif"
	check "multitool: a result without a region is caught (GH1003)" \
		sh -c 'printf "%s\n" "$1" | grep -qx GH1003' - "$(multitool_findings "$T_ROOT/noregion.sarif")"
else
	MT_SKIPPED=$((MT_SKIPPED + 3))
fi

# --- Usage -----------------------------------------------------------------
"$RISKGATE" check --format xml >"$T_ROOT/u.out" 2>&1
check "usage: unknown format exits 2" [ $? -eq 2 ]
check "usage: names the formats" grep -q 'expected text, json, github, markdown or sarif' "$T_ROOT/u.out"
"$RISKGATE" check --help >"$T_ROOT/help.out" 2>&1
for w in '--sarif FILE' '--markdown FILE' 'github'; do
	check "help mentions $w" grep -qF -- "$w" "$T_ROOT/help.out"
done

if [ "$MT_SKIPPED" -gt 0 ]; then
	printf 'formats: %d SARIF multitool validation(s) SKIPPED (%s)\n' "$MT_SKIPPED" \
		"$(tr '\n' ' ' <"$T_ROOT/mt-install.err")"
fi
if [ "$SKIPPED" -gt 0 ]; then
	printf 'formats: %d SARIF schema validation(s) SKIPPED (python3 with jsonschema not found; tools/deps.sh installs python3-jsonschema)\n' "$SKIPPED"
fi
finish formats
