#!/bin/sh
# The shipped policies (policies/*.json) against their own fixtures and
# against riskgate's tables:
# - each policy lints clean (no error, no warning) and passes `policy test`;
# - a wrong fixture makes `policy test` fail, naming the mismatch;
# - every line of testdata/classify/default.tsv lands in its tier;
# - every line of testdata/classify/pairs.tsv: the source's pairing rules
#   name that test (or none does, for "-"), the test is a test file, and with
#   both changed the real default policy passes the source's tests;
# - no policy trips its own content rules when it is committed;
# - the built-in policy is policies/default.json as it is now;
# - the default's AI markers flag the assistants and not the humans;
# - the default's observability hooks, `unless` windows and waivers behave
#   in a real change.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
POL="$ROOT/policies"
TD="$ROOT/testdata"
CODEOWNERS="$TD/policies/webservice.CODEOWNERS"
TAB=$(printf '\t')

# Extra arguments `policy lint` and `policy test` need for a policy.
policy_args() {
	case "$1" in
	webservice) echo "--codeowners $CODEOWNERS" ;;
	*) echo "" ;;
	esac
}

# --- lint and fixtures --------------------------------------------------------
for name in default webservice kernel teams; do
	f="$POL/$name.json"
	if [ ! -f "$f" ]; then
		fail "$name: $f is missing"
		continue
	fi
	# shellcheck disable=SC2046
	"$RISKGATE" policy lint "$f" $(policy_args $name) >"$T_ROOT/lint.out" 2>&1
	code=$?
	if [ "$code" -eq 0 ] && grep -q ': ok: .* 0 warning(s)$' "$T_ROOT/lint.out" &&
		! grep -q 'warning:' "$T_ROOT/lint.out"; then
		pass
	else
		fail "$name: policy lint exited $code or warned: $(cat "$T_ROOT/lint.out")"
	fi
	# shellcheck disable=SC2046
	"$RISKGATE" policy test "$f" $(policy_args $name) >"$T_ROOT/test.out" 2>&1
	code=$?
	if [ "$code" -eq 0 ] && grep -q 'fixture(s): [0-9]* passed, 0 failed$' "$T_ROOT/test.out"; then
		pass
	else
		fail "$name: policy test exited $code: $(head -n 20 "$T_ROOT/test.out")"
	fi
done

# The built-in policy's own fixtures (no FILE, no .riskgate.json here).
(cd "$T_ROOT" && "$RISKGATE" policy test) >"$T_ROOT/builtin.out" 2>&1
check "built-in policy test passes" grep -q 'passed, 0 failed$' "$T_ROOT/builtin.out"

# A wrong fixture fails `policy test` with exit 1 and says what is wrong.
# corrupt NAME SED-EXPRESSION EXPECTED-MESSAGE
corrupt() {
	bad="$T_ROOT/bad-$1.json"
	sed "$2" "$POL/$1.json" >"$bad"
	if cmp -s "$bad" "$POL/$1.json"; then
		fail "$1: the corruption '$2' changed nothing"
		return
	fi
	# shellcheck disable=SC2046
	"$RISKGATE" policy test "$bad" $(policy_args "$1") >"$T_ROOT/bad.out" 2>&1
	code=$?
	if [ "$code" -eq 1 ] && grep -qF -- "$3" "$T_ROOT/bad.out" &&
		grep -q 'passed, 1 failed$' "$T_ROOT/bad.out"; then
		pass
	else
		fail "$1: a corrupted fixture gave exit $code, expected 1 and '$3': $(head -n 5 "$T_ROOT/bad.out")"
	fi
}
corrupt default 's|{"path": "Dockerfile", "tier": "high"}|{"path": "Dockerfile", "tier": "low"}|' \
	'fixture Dockerfile: expected tier low, got high'
corrupt default 's|"text": "result = eval(expression)", "rules": \["py.eval"\]|"text": "result = eval(expression)", "rules": []|' \
	'fixture app/calc.py: rule py.eval fired but was not expected on "result = eval(expression)"'
corrupt webservice 's|{"path": "charts/web/values.yaml", "tier": "platform"|{"path": "charts/web/values.yaml", "tier": "docs"|' \
	'fixture charts/web/values.yaml: expected tier docs, got platform'
corrupt kernel 's|{"path": "mm/page_alloc.c", "tier": "core"}|{"path": "mm/page_alloc.c", "tier": "drivers"}|' \
	'fixture mm/page_alloc.c: expected tier drivers, got core'
corrupt teams 's|{"path": "infra/iam/roles.tf", "tier": "security"}|{"path": "infra/iam/roles.tf", "tier": "normal"}|' \
	'fixture infra/iam/roles.tf: expected tier normal, got security'

# --- testdata/classify/default.tsv: one check per line ------------------------
TSV="$TD/classify/default.tsv"
grep -v '^#' "$TSV" | grep -v '^[[:space:]]*$' >"$T_ROOT/classify.tsv"
cut -f1 "$T_ROOT/classify.tsv" >"$T_ROOT/classify.paths"
"$RISKGATE" explain --policy "$POL/default.json" --json - <"$T_ROOT/classify.paths" \
	>"$T_ROOT/classify.json" 2>"$T_ROOT/classify.err"
code=$?
if [ "$code" -ne 0 ]; then
	fail "explain --json - exited $code: $(head -n 5 "$T_ROOT/classify.err")"
else
	jq -r '.[] | [.path, .tier] | @tsv' "$T_ROOT/classify.json" >"$T_ROOT/classify.got"
	check "explain answered every path of default.tsv" \
		[ "$(wc -l <"$T_ROOT/classify.got")" -eq "$(wc -l <"$T_ROOT/classify.tsv")" ]
	paste "$T_ROOT/classify.tsv" "$T_ROOT/classify.got" >"$T_ROOT/classify.both"
	while IFS="$TAB" read -r path want gpath got; do
		if [ "$path" = "$gpath" ] && [ "$want" = "$got" ]; then
			pass
		else
			fail "default.tsv: $path: expected $want, got ${got:-nothing} (for ${gpath:-?})"
		fi
	done <"$T_ROOT/classify.both"
fi

# --- testdata/classify/pairs.tsv: one check per line --------------------------
# Three changes from an empty main, checked once each:
#   sources: every source path, with the default policy changed only so that
#            every tier asks for paired tests (tests.paths and tests.pairs
#            are the shipped ones). Each source covered by a pairing rule
#            fails and lists its candidate tests ("expected one of: ...").
#   tests:   every test path, same policy: none of them may be taken for a
#            source (each must match tests.paths).
#   both:    sources and tests, with the real default policy: the tests
#            requirement passes for every source.
grep -v '^#' "$TD/classify/pairs.tsv" | grep -v '^[[:space:]]*$' >"$T_ROOT/pairs.tsv"
sed -e 's/"tests": "none"/"tests": "paired"/' -e 's/"tests": "changed"/"tests": "paired"/' \
	"$POL/default.json" >"$T_ROOT/all-paired.json"
PR="$T_ROOT/pairs"
new_repo "$PR"
# addfiles BRANCH COLUMN...: a branch from main that adds the paths in those
# columns of pairs.tsv ("-" skipped) as empty files.
addfiles() {
	git -C "$PR" checkout -q -b "$1" main
	shift
	for col in "$@"; do
		cut -f"$col" "$T_ROOT/pairs.tsv"
	done | grep -v '^-$' | sort -u | while IFS= read -r p; do
		mkdir -p "$PR/$(dirname "$p")" && : >"$PR/$p"
	done
	git -C "$PR" add -A && git -C "$PR" commit -q -m "files"
}
addfiles sources 1
addfiles tests 2
addfiles both 1 2
(cd "$PR" && "$RISKGATE" check --base main --head sources --policy "$T_ROOT/all-paired.json" \
	--json "$T_ROOT/p-sources.json" >/dev/null 2>&1)
(cd "$PR" && "$RISKGATE" check --base main --head tests --policy "$T_ROOT/all-paired.json" \
	--json "$T_ROOT/p-tests.json" >/dev/null 2>&1)
(cd "$PR" && "$RISKGATE" check --base main --head both --policy "$POL/default.json" \
	--json "$T_ROOT/p-both.json" >/dev/null 2>&1)
for j in p-sources p-tests p-both; do
	check "pairs: $j report has no errors" \
		[ "$(jq '.errors | length' "$T_ROOT/$j.json" 2>/dev/null)" = 0 ]
done
# The candidates listed for each source, one "source<TAB>candidate" per line;
# the sources taken for sources in the tests-only change; the sources whose
# tests requirement passes or fails with both changed.
jq -r '.violations[] | select(.check == "tests" and (.message | contains("expected one of: ")))
	| .path as $p | (.message | sub("^.*expected one of: "; "") | rtrimstr(")") | split(", ")[])
	| [$p, .] | @tsv' "$T_ROOT/p-sources.json" >"$T_ROOT/p-candidates" 2>/dev/null
jq -r '.violations[] | select(.check == "tests") | .path' "$T_ROOT/p-sources.json" \
	>"$T_ROOT/p-failing-sources" 2>/dev/null
jq -r '.requirements[] | select(.check == "tests") | (.passing + .failing)[]' \
	"$T_ROOT/p-tests.json" >"$T_ROOT/p-taken-as-source" 2>/dev/null
jq -r '.requirements[] | select(.check == "tests") | .passing[]' "$T_ROOT/p-both.json" \
	>"$T_ROOT/p-both-pass" 2>/dev/null
jq -r '.requirements[] | select(.check == "tests") | .failing[]' "$T_ROOT/p-both.json" \
	>"$T_ROOT/p-both-fail" 2>/dev/null
while IFS="$TAB" read -r src test; do
	why=""
	if [ "$test" = "-" ]; then
		if cut -f1 "$T_ROOT/p-candidates" | grep -qF -x -- "$src"; then
			why="a pairing rule covers it: $(grep -F -- "$src$TAB" "$T_ROOT/p-candidates" | cut -f2 | tr '\n' ' ')"
		elif grep -qF -x -- "$src" "$T_ROOT/p-both-fail"; then
			why="its tests requirement fails with a test file changed"
		fi
	else
		if ! grep -qF -x -- "$src$TAB$test" "$T_ROOT/p-candidates"; then
			if grep -qF -x -- "$src" "$T_ROOT/p-failing-sources"; then
				why="not among its candidates: $(grep -F -- "$src$TAB" "$T_ROOT/p-candidates" | cut -f2 | tr '\n' ' ')"
			else
				why="no pairing rule names a test for it"
			fi
		elif grep -qF -x -- "$test" "$T_ROOT/p-taken-as-source"; then
			why="$test is not a test file under tests.paths"
		elif ! grep -qF -x -- "$src" "$T_ROOT/p-both-pass"; then
			why="with $test changed, the default policy does not pass its tests requirement"
		fi
	fi
	if [ -z "$why" ]; then pass; else fail "pairs.tsv: $src -> $test: $why"; fi
done <"$T_ROOT/pairs.tsv"

# --- no policy trips its own rules --------------------------------------------
# Each policy with content rules, committed as .riskgate.json (its highest
# tier) and as a plain file, checked with itself: no content rule fires on
# its comments, patterns or fixtures (secrets and TLS fixtures are written
# with \u escapes). teams.json has no content rules.
for name in default webservice kernel; do
	R="$T_ROOT/self-$name"
	new_repo "$R"
	git -C "$R" checkout -q -b change
	mkdir -p "$R/policies"
	cp "$POL/$name.json" "$R/.riskgate.json"
	cp "$POL/$name.json" "$R/policies/$name.json"
	git -C "$R" add -A && git -C "$R" commit -q -m "policy"
	(cd "$R" && "$RISKGATE" check --base main --head change --policy "$POL/$name.json" \
		--json "$T_ROOT/self-$name.json" >/dev/null 2>&1)
	hits=$(jq -r '[.violations[] | select(.check == "rules") | "\(.path):\(.line) \(.rule)"] | join(", ")' \
		"$T_ROOT/self-$name.json" 2>&1)
	ran=$(jq -r '[.requirements[] | select(.check == "rules")] | length' "$T_ROOT/self-$name.json" 2>&1)
	if [ -z "$hits" ] && [ "$ran" != 0 ]; then
		pass
	else
		fail "$name trips its own rules (${ran:-no} rules requirements): $hits"
	fi
done

# --- the default policy in real changes ----------------------------------------
B="$T_ROOT/behaviour"
new_repo "$B"
commit_on() { # MESSAGE: commits everything on the current branch
	git -C "$B" add -A && git -C "$B" commit -q -m "$1"
}

# Provenance: commits by humans and by assistants, one file each, on branch
# "prov"; the built-in policy decides (no --policy, no .riskgate.json).
git -C "$B" checkout -q -b prov main
n=0
: >"$T_ROOT/prov.expect"
# prov_commit EXPECTED AUTHOR TRAILER: EXPECTED is true when the commit must
# count as AI-assisted. AUTHOR is "Name <email>" ("" for the default author).
prov_commit() {
	n=$((n + 1))
	echo "$n" >"$B/prov_$n.txt"
	git -C "$B" add -A
	if [ -n "$2" ]; then
		git -C "$B" commit -q --author="$2" -m "change $n" -m "$3"
	else
		git -C "$B" commit -q -m "change $n" -m "$3"
	fi
	printf '%s\t%s\t%s\n' "$(git -C "$B" rev-parse HEAD)" "$1" "${2:-default author} / $3" \
		>>"$T_ROOT/prov.expect"
}
prov_commit true "" "Co-authored-by: Claude <noreply@anthropic.com>"
prov_commit true "" "Co-authored-by: Claude Opus 4.5 <noreply@anthropic.com>"
prov_commit true "" "Co-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>"
prov_commit true "" "Co-authored-by: Cursor Agent <cursoragent@cursor.com>"
prov_commit true "" "Co-authored-by: aider (anthropic/claude-sonnet-4) <noreply@aider.chat>"
prov_commit true "" "Co-authored-by: Amp <amp@ampcode.com>"
prov_commit true "" "Co-authored-by: devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>"
prov_commit true "" "Co-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>"
prov_commit true "" "Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>"
prov_commit true "" "Co-authored-by: Codex <noreply@openai.com>"
prov_commit true "" "Co-authored-by: GitHub Copilot <copilot@github.com>"
prov_commit true "" "Assisted-by: Codex"
prov_commit true "" "Generated-by: some-tool 1.2"
prov_commit true "" "Made-with: Cursor"
prov_commit true "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>" "Signed-off-by: dependabot[bot] <support@github.com>"
prov_commit true "Paul Gauthier (aider) <paul@example.com>" "Signed-off-by: Paul Gauthier <paul@example.com>"
prov_commit true "" "AI-Assisted: yes, Claude Code"
prov_commit false "" "Co-authored-by: Claude Monet <claude@monet.example>"
prov_commit false "" "Co-authored-by: Devin Smith <devin@example.com>"
prov_commit false "" "Co-authored-by: Gemini Jones <gemini.jones@example.com>"
prov_commit false "" "Co-authored-by: Amp Stevens <amp@example.com>"
prov_commit false "" "Co-authored-by: Jules Verne <jules@verne.example>"
prov_commit false "" "Co-authored-by: Jane Roe <jane@anthropic.com>"
prov_commit false "" "Co-authored-by: Sam Poe <sam@cognition.ai>"
prov_commit false "" "Co-authored-by: Cody Coder <copilot-fan@example.com>"
prov_commit false "Devin Human <devin@cognition.example>" "Signed-off-by: Devin Human <devin@cognition.example>"
prov_commit false "" "AI-Assisted: no"
(cd "$B" && "$RISKGATE" check --base main --head prov --json "$T_ROOT/prov.json" >/dev/null 2>&1)
check "the built-in policy is policies/default.json as it is now" \
	[ "$(jq -r '.policy.source + " " + .policy.sha256' "$T_ROOT/prov.json" 2>&1)" = \
	"builtin $(sha256sum "$POL/default.json" | cut -d' ' -f1)" ]
while IFS="$TAB" read -r sha want what; do
	got=$(jq -r --arg s "$sha" '.commits[] | select(.sha == $s) | .ai_assisted' "$T_ROOT/prov.json")
	if [ "$got" = "$want" ]; then pass; else fail "provenance: $what: ai_assisted is ${got:-missing}, expected $want"; fi
done <"$T_ROOT/prov.expect"

# check_branch BRANCH: the default policy on main...BRANCH, to $T_ROOT/BRANCH.json
check_branch() {
	(cd "$B" && "$RISKGATE" check --base main --head "$1" --policy "$POL/default.json" \
		--json "$T_ROOT/$1.json" >/dev/null 2>&1)
}
# jqt BRANCH FILTER: the filter is true on the branch's report
jqt() {
	[ "$(jq -r "$2" "$T_ROOT/$1.json" 2>&1)" = true ]
}

# Observability (critical tier): a hook near the new code passes; none fails
# at the first added line.
git -C "$B" checkout -q -b obs main
mkdir -p "$B/app/auth" "$B/tests/app/auth"
cat >"$B/app/auth/login.py" <<'EOF'
import logging

logger = logging.getLogger(__name__)


def login(user, password):
    if not check(user, password):
        logger.warning("login failed for %s", user.id)
        return False
    return True
EOF
cat >"$B/app/auth/session.py" <<'EOF'
def new_session(user):
    token = make_token(user)
    return {"user": user.id, "token": token}
EOF
: >"$B/tests/app/auth/test_login.py"
: >"$B/tests/app/auth/test_session.py"
commit_on "auth"
check_branch obs
check "observability: a logged login passes, a silent session fails at line 1" jqt obs \
	'[.requirements[] | select(.check == "observability")][0] | (.passing == ["app/auth/login.py"]) and (.failing == ["app/auth/session.py"])'
check "observability: the violation is at the first added line" jqt obs \
	'[.violations[] | select(.check == "observability")] | length == 1 and .[0].path == "app/auth/session.py" and .[0].line == 1'

# Content rules (normal tier): `unless` within the window, a finding, a waiver.
git -C "$B" checkout -q -b content main
mkdir -p "$B/app/clients" "$B/tests"
cat >"$B/app/clients/partner.py" <<'EOF'
import requests


def pull(url):
    return requests.get(url)


def describe():
    """The partner API: push sends a payload,
    pull reads it back, ping checks it is up."""
    return "partner"


def push(url, payload, headers):
    return requests.post(
        url,
        json=payload,
        headers=headers,
        timeout=10,
    )


def ping(url):
    try:
        requests.head(url, timeout=2)
    # riskgate: allow py.swallowed-exception a failed ping is expected and retried
    except Exception: pass
EOF
: >"$B/tests/test_partner.py"
commit_on "partner client"
check_branch content
check "rules: a timeout 4 lines below the call satisfies py.requests-no-timeout, a call without one fails" jqt content \
	'[.violations[] | select(.rule == "py.requests-no-timeout") | .line] == [5]'
check "rules: a waiver the change adds, with nobody's approval, is a finding that fails" jqt content \
	'.verdict == "fail" and ([.violations[] | select(.rule == "py.swallowed-exception" and .line == 27 and .severity == "error" and (.message | contains("without approval")))] | length == 1) and (.waivers | length == 0)'
# approvals_for BRANCH LOGIN...: a reviews-API payload approving the branch's head.
approvals_for() {
	sha=$(git -C "$B" rev-parse "$1")
	shift
	{
		printf '['
		sep=""
		for login in "$@"; do
			printf '%s{"id": 1, "user": {"login": "%s", "type": "User"}, "state": "APPROVED", "commit_id": "%s", "submitted_at": "2026-01-02T00:00:00Z", "author_association": "MEMBER"}' "$sep" "$login" "$sha"
			sep=","
		done
		printf ']\n'
	} >"$T_ROOT/approvals.json"
	# An approval counts only from someone shown to have write access.
	printf '{"rita": "write"}\n' >"$T_ROOT/permissions.json"
}
approvals_for content rita
(cd "$B" && "$RISKGATE" check --base main --head content --policy "$POL/default.json" \
	--approvals "$T_ROOT/approvals.json" --permissions "$T_ROOT/permissions.json" \
	--json "$T_ROOT/content-approved.json" >/dev/null 2>&1)
check "rules: with an approval, the waiver silences py.swallowed-exception and keeps its reason" jqt content-approved \
	'([.violations[] | select(.rule == "py.swallowed-exception")] | length == 0) and ([.waivers[] | select(.rule == "py.swallowed-exception" and .line == 27 and (.reason | startswith("a failed ping")))] | length == 1)'

# --- rule keys: lines, unless_scope, normalize, waivable, waivers -------------
# lint_rule NAME RULE-FIELDS TOP-LEVEL-FIELDS EXPECTED-MESSAGE: a policy with
# one rule that has those fields must fail to load with that message.
lint_rule() {
	cat >"$T_ROOT/rk.json" <<EOF
{"version": 1, "default_tier": "app",$3
 "rules": [{"id": "x.rule", "message": "m", "files": ["."], "trigger": "x"$2}],
 "tiers": [{"name": "app", "paths": ["."], "require": {"rules": ["x.rule"]}}]}
EOF
	"$RISKGATE" policy lint "$T_ROOT/rk.json" >"$T_ROOT/rk.out" 2>&1
	code=$?
	if [ "$code" -eq 2 ] && grep -qF -- "$4" "$T_ROOT/rk.out"; then
		pass
	else
		fail "rule keys: $1: exit $code, expected 2 and '$4': $(head -n 3 "$T_ROOT/rk.out")"
	fi
}
lint_rule "lines 0" ', "lines": 0' '' '"lines" must be 1 to 20'
lint_rule "lines 21" ', "lines": 21' '' '"lines" must be 1 to 20'
lint_rule "unknown scope" ', "unless": "y", "unless_scope": "block"' '' '"unless_scope" must be'
lint_rule "scope without unless" ', "unless_scope": "call"' '' '"unless_scope" needs an "unless" pattern'
lint_rule "unknown normalize" ', "normalize": "nfc"' '' '"normalize" must be "nfkc" or "none"'
lint_rule "misspelled key" ', "unless_scop": "call"' '' 'unknown key "unless_scop"'
lint_rule "waivers.min negative" '' ' "waivers": {"min": -1},' '"waivers.min" must be a whole number'
lint_rule "waivers unknown key" '' ' "waivers": {"approver": ["sam"]},' 'unknown key "approver"'
lint_rule "waivers approvers not logins" '' ' "waivers": {"approvers": ["not a login"]},' 'waivers.approvers'
cat >"$T_ROOT/rk.json" <<'EOF'
{"version": 1, "default_tier": "app",
 "rules": [{"id": "secret.test", "message": "m", "files": ["."], "trigger": "x", "waivable": true}],
 "tiers": [{"name": "app", "paths": ["."], "require": {"rules": ["secret.test"]}}]}
EOF
"$RISKGATE" policy lint "$T_ROOT/rk.json" >"$T_ROOT/rk.out" 2>&1
code=$?
check "rule keys: a secret rule cannot be made waivable (exit $code)" \
	sh -c '[ "$1" -eq 2 ] && grep -q "cannot be waivable" "$2"' sh "$code" "$T_ROOT/rk.out"

# policy test on multi-line, scoped and folded fixtures: every line of a
# fixture's text counts as added.
cat >"$T_ROOT/ml.json" <<'EOF'
{"version": 1, "default_tier": "app",
 "rules": [{"id": "py.pass", "message": "m", "files": ["\\.py$"], "lines": 2,
            "trigger": "(?m)except:\\s*\\n\\s*pass$"},
           {"id": "py.call", "message": "m", "files": ["\\.py$"], "trigger": "\\bget\\(",
            "unless": "timeout=", "unless_scope": "call", "window": 5},
           {"id": "py.stmt", "message": "m", "files": ["\\.py$"], "trigger": "\\bClient\\{",
            "unless": "Timeout:", "unless_scope": "statement", "window": 5},
           {"id": "py.fold", "message": "m", "files": ["\\.py$"], "trigger": "\\beval\\(",
            "normalize": "nfkc"}],
 "tiers": [{"name": "app", "paths": ["."], "require": {"rules": ["py.pass", "py.call", "py.stmt", "py.fold"]}}],
 "fixtures": [
  {"path": "a.py", "text": "except:\n    pass", "rules": ["py.pass"]},
  {"path": "a.py", "text": "except:\n    log()", "rules": []},
  {"path": "a.py", "text": "except: pass", "rules": []},
  {"path": "a.py", "text": "get(url,\n    timeout=5)", "rules": []},
  {"path": "a.py", "text": "get(url)\nother(timeout=5)", "rules": ["py.call"]},
  {"path": "a.py", "text": "get(url, f(x)) # timeout=5", "rules": ["py.call"]},
  {"path": "a.py", "text": "c = Client{\n    Timeout: 5,\n}", "rules": []},
  {"path": "a.py", "text": "c = Client{}\nd = Client{Timeout: 5}", "rules": ["py.stmt"]},
  {"path": "a.py", "text": "x = c.get(\")\", timeout=5)", "rules": []},
  {"path": "a.py", "text": "\uff45\uff56\uff41\uff4c(x)", "rules": ["py.fold"]},
  {"path": "a.py", "text": "\ud835\udc1e\ud835\udc2f\ud835\udc1a\ud835\udc25(x)", "rules": ["py.fold"]},
  {"path": "a.py", "text": "\u212fval(x)", "rules": ["py.fold"]},
  {"path": "a.py", "text": "\u0435val(x)", "rules": []}
 ]}
EOF
"$RISKGATE" policy test "$T_ROOT/ml.json" >"$T_ROOT/ml.out" 2>&1
check "multi-line, scoped and folded fixtures behave: $(head -n 5 "$T_ROOT/ml.out")" \
	grep -q 'fixture(s): 13 passed, 0 failed$' "$T_ROOT/ml.out"

finish policies
