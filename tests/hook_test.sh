#!/bin/sh
# The pre-receive hook, end to end: real `git push`es from a clone into a
# local bare repository with the hook installed by `riskgate hook install`.
# git runs the hook with GIT_DIR and the quarantine variables set, so these
# tests also prove that pushed objects are visible to libgit2 and that a
# rejected push leaves nothing behind.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/hook"
mkdir -p "$W"
cd "$W" || exit 1

# The policy of the test server: every commit on every ref needs a human
# Signed-off-by; main and tags may not be deleted; alice may break glass.
cat >policy.json <<'EOF'
{
  "version": 1,
  "default_tier": "normal",
  "review_trailers": {"trusted_committers": ["committer@example.com"]},
  "protected_refs": ["^refs/heads/main$", "^refs/tags/"],
  "refs": ["^refs/"],
  "overrides": {"users": ["alice"], "identity_env": "GL_USERNAME"},
  "tiers": [
    {"name": "normal", "require": {"provenance": {"require_signoff": true}}}
  ]
}
EOF
sed 's/"default_tier": "normal",/"default_tier": "normal", "on_deadline": "pass",/' \
	policy.json >policy-deadline-pass.json

# out_has NAME FILE TEXT: FILE contains the fixed string TEXT.
out_has() {
	if grep -qF -- "$3" "$2"; then pass; else
		fail "$1: output lacks: $3"
		sed 's/^/    /' "$2" | head -n 20 >&2
	fi
}

out_lacks() {
	if grep -qF -- "$3" "$2"; then
		fail "$1: output has: $3"
		sed 's/^/    /' "$2" | head -n 20 >&2
	else pass; fi
}

# exits NAME WANT GOT
exits() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: exit $3, expected $2"; fi
}

# absent NAME REPO SHA: the object is not in REPO.
absent() {
	if git -C "$2" cat-file -e "$3" 2>/dev/null; then
		fail "$1: object $3 is in $2"
	else pass; fi
}

# landed NAME REF: the server's REF is the clone's.
landed() {
	if [ "$(git -C "$W/srv.git" rev-parse -q --verify "$2")" = "$(git -C "$W/w" rev-parse "$2")" ]; then
		pass
	else fail "$1: $2 did not land"; fi
}

# good/bad MESSAGE: a commit that changes a file, with or without sign-off.
good() { printf '%s\n' "$1" >>"$W/w/log.txt" && git -C "$W/w" add log.txt &&
	git -C "$W/w" commit -q -s -m "$1"; }
bad() { printf '%s\n' "$1" >>"$W/w/log.txt" && git -C "$W/w" add log.txt &&
	git -C "$W/w" commit -q -m "$1"; }
edit() { printf '%s\n' "$2" >"$W/w/$1" && git -C "$W/w" add -A; }

# push ARGS...: git push from the clone; output in $W/out, exit in $rc.
push() {
	git -C "$W/w" push "$@" >"$W/out" 2>&1
	rc=$?
}

# ---- set up: a server seeded before the hook exists ------------------------
git init -q --bare srv.git
git init -q w
cp policy.json w/.riskgate.json
edit README "hello"
git -C w commit -q -s -m "initial"
git -C w remote add origin ../srv.git
git -C w push -q origin main 2>/dev/null
git -C srv.git config receive.advertisePushOptions true

# ---- install -------------------------------------------------------------
"$RISKGATE" hook install --repo srv.git >out 2>&1
exits "install" 0 $?
out_has "install" out "installed $W/srv.git/hooks/pre-receive"
check "install: script runs the binary by absolute path" \
	grep -qF "exec '${RISKGATE_BIN:-$RISKGATE}' hook pre-receive" srv.git/hooks/pre-receive
check "install: executable" test -x srv.git/hooks/pre-receive
"$RISKGATE" hook install --repo srv.git >out 2>&1
exits "install again" 0 $?
out_has "install again" out "already installed"

git init -q --bare other.git
printf '#!/bin/sh\nexit 0\n' >other.git/hooks/pre-receive
"$RISKGATE" hook install --repo other.git >out 2>&1
exits "install over a foreign hook" 2 $?
out_has "install over a foreign hook" out "--force replaces it"
check "install: foreign hook kept" grep -qx 'exit 0' other.git/hooks/pre-receive
"$RISKGATE" hook install --repo other.git --force >out 2>&1
exits "install --force" 0 $?
check "install --force replaced it" grep -qF 'hook pre-receive' other.git/hooks/pre-receive
check "install --force kept a backup" grep -qx 'exit 0' other.git/hooks/pre-receive.riskgate-backup
"$RISKGATE" hook install >out 2>&1
exits "install without --repo" 2 $?

# ---- updates ---------------------------------------------------------------
good "signed change"
push origin main
exits "passing push" 0 "$rc"
landed "passing push" main
out_has "passing push" out "refs/heads/main (update"
out_has "passing push" out "push accepted"
out_has "passing push" out "decided in"

bad "unsigned change"
BAD=$(git -C w rev-parse HEAD)
push origin main
exits "failing push" 1 "$rc"
out_has "failing push" out "remote: riskgate: refs/heads/main (update"
out_has "failing push" out "FAIL"
out_has "failing push" out "require_signoff"
out_has "failing push: fix" out "fix: "
out_has "failing push" out "pre-receive hook declined"
absent "failing push: objects quarantined away" srv.git "$BAD"
git -C w reset -q --hard HEAD~1

# ---- new branches ----------------------------------------------------------
git -C w checkout -q -b feature
good "feature 1"
push origin feature
exits "new branch" 0 "$rc"
landed "new branch" feature
out_has "new branch" out "refs/heads/feature (create"
out_has "new branch: only the new commit" out "1 commit"

git -C w checkout -q -b feature-bad
bad "unsigned on a new branch"
push origin feature-bad
exits "new branch failing" 1 "$rc"
absent "new branch failing: objects" srv.git "$(git -C w rev-parse HEAD)"
git -C w checkout -q main

git -C w branch -q at-main main
push origin at-main
exits "new branch at an existing commit" 0 "$rc"
out_has "new branch at an existing commit" out "no new commits"

git -C w checkout -q --orphan pages
git -C w rm -rq --cached . && rm -f w/README w/log.txt w/.riskgate.json
good "unrelated history"
push origin pages
exits "new branch with unrelated history and no policy: it would change hands" 1 "$rc"
out_has "unrelated history, no policy: says why" out "governance: "
git -C w show main:.riskgate.json >w/.riskgate.json && git -C w add .riskgate.json
git -C w commit -q -s --amend -m "unrelated history"
push origin pages
exits "new branch with unrelated history (against the empty tree)" 0 "$rc"
out_has "unrelated history" out "refs/heads/pages (create"
out_has "unrelated history: its files" out "1 commit, 2 files"
git -C w checkout -q -f main

# ---- force push ------------------------------------------------------------
git -C w checkout -q feature
printf 'rewritten\n' >>w/log.txt && git -C w add log.txt
git -C w commit -q -s --amend -m "feature 1, rewritten"
good "feature 2"
push -f origin feature
exits "force push" 0 "$rc"
landed "force push" feature
out_has "force push" out "(force push"
out_has "force push" out "force push: 1 commit rewritten"
out_has "force push: evaluates what is new" out "2 commits"
git -C w checkout -q main

# ---- deletions -------------------------------------------------------------
push origin :refs/heads/main
exits "delete protected" 1 "$rc"
out_has "delete protected" out "protected_refs"
check "delete protected: main still there" git -C srv.git rev-parse -q --verify refs/heads/main >/dev/null
push origin :refs/heads/at-main
exits "delete unprotected" 0 "$rc"
check "delete unprotected: gone" test -z "$(git -C srv.git for-each-ref refs/heads/at-main)"

# ---- tags ------------------------------------------------------------------
git -C w tag light main
push origin light
exits "lightweight tag" 0 "$rc"
out_has "lightweight tag" out "refs/tags/light (create"
git -C w checkout -q --detach main
good "released"
git -C w tag -a -m "v1" v1
bad "unsigned release"
git -C w tag -a -m "v2" v2
git -C w checkout -q main
push origin v1
exits "annotated tag" 0 "$rc"
landed "annotated tag" v1
out_has "annotated tag: the new commit" out "1 commit"
push origin v2
exits "annotated tag failing" 1 "$rc"
absent "annotated tag failing: objects" srv.git "$(git -C w rev-parse v2)"
git -C w tag tree-tag "$(git -C w rev-parse 'main^{tree}')"
push origin tree-tag
exits "tag of a tree" 0 "$rc"
out_has "tag of a tree" out "not a commit"
push origin :refs/tags/light
exits "delete a tag (protected)" 1 "$rc"

# ---- several refs, shared commits ------------------------------------------
git -C w checkout -q -b multi-a main
good "shared 1"
good "shared 2"
git -C w checkout -q -b multi-b
good "only b"
git -C w checkout -q main
push origin multi-a multi-b
exits "multi-ref" 0 "$rc"
landed "multi-ref a" multi-a
landed "multi-ref b" multi-b
out_has "multi-ref: each ref judged on its own" out "refs/heads/multi-b (create 0000000..$(git -C w rev-parse --short=7 multi-b)): pass - 3 commits"

# ---- hostile ref names -----------------------------------------------------
git -C w branch "we\"ird'$(printf '\351')" main
push origin "refs/heads/we\"ird'$(printf '\351'):refs/heads/we\"ird'$(printf '\351')"
exits "hostile ref name" 0 "$rc"
out_has "hostile ref name escaped" out 'refs/heads/we\"ird'"'"'\351'

# ---- override (break glass) ------------------------------------------------
# The policy names GL_USERNAME as the server's word for who pushes; on a
# local push the pusher sets every variable, which is what these stand in
# for. REMOTE_USER, which the pusher sets on a local or ssh push, is never
# taken instead.
bad "hotfix without sign-off"
GL_USERNAME=bob git -C w push -o "riskgate.override=prod down" origin main >out 2>&1
exits "override by an unlisted user" 1 $?
out_has "override by an unlisted user" out "override refused"
GL_USERNAME=alice git -C w push -o "riskgate.override=" origin main >out 2>&1
exits "override with an empty reason" 1 $?
out_has "override with an empty reason" out "needs a reason"
git -C w push -o "riskgate.override=prod down" origin main >out 2>&1
exits "override with no known pusher" 1 $?
out_has "override with no known pusher" out "the server did not set GL_USERNAME"
REMOTE_USER=alice git -C w push -o "riskgate.override=prod down" origin main >out 2>&1
exits "override: REMOTE_USER is not the server's identity" 1 $?
out_has "override: REMOTE_USER is not the server's identity" out "the server did not set GL_USERNAME"
GL_USERNAME=alice git -C w push -o "riskgate.overide=prod down" origin main >out 2>&1
exits "override: a mistyped push option is an error" 1 $?
out_has "override: a mistyped push option is an error" out "unknown push option riskgate.overide=prod down"
check "override: nothing recorded yet" test ! -e srv.git/riskgate-overrides.log
GL_USERNAME=alice git -C w push -o "riskgate.override=prod down" origin main >out 2>&1
exits "override allowed" 0 $?
out_has "override allowed" out "riskgate: override by alice: prod down"
landed "override allowed" main
check "override: recorded durably" grep -q "override by alice: prod down; refs/heads/main " \
	srv.git/riskgate-overrides.log

# ---- GitLab ----------------------------------------------------------------
bad "unsigned, on GitLab"
GL_ID=user-1 GL_USERNAME=carol GL_PROTOCOL=ssh GL_REPOSITORY=project-1 \
	git -C w push origin main >out 2>&1
exits "gitlab" 1 $?
out_has "gitlab prefix" out "remote: GL-HOOK-ERR: riskgate: refs/heads/main"
out_has "gitlab prefix on the verdict" out "GL-HOOK-ERR: riskgate: push rejected"
push origin main
out_lacks "no prefix off GitLab" out "GL-HOOK-ERR"
git -C w reset -q --hard HEAD~1

# ---- deadline --------------------------------------------------------------
good "in time?"
mv srv.git/hooks/pre-receive srv.git/hooks/pre-receive.riskgate
printf '#!/bin/sh\nexec "%s" hook pre-receive --deadline-ms 1 --policy "%s"\n' \
	"$RISKGATE" "$W/policy.json" >srv.git/hooks/pre-receive
chmod +x srv.git/hooks/pre-receive
push origin main
exits "deadline: push rejected" 1 "$rc"
out_has "deadline" out "riskgate: deadline of 1 ms reached after"
out_has "deadline" out "rejecting"
printf '#!/bin/sh\nexec "%s" hook pre-receive --deadline-ms 1 --policy "%s"\n' \
	"$RISKGATE" "$W/policy-deadline-pass.json" >srv.git/hooks/pre-receive
push origin main
exits "deadline, on_deadline pass" 0 "$rc"
out_has "deadline, on_deadline pass" out '"on_deadline": "pass"'
mv srv.git/hooks/pre-receive.riskgate srv.git/hooks/pre-receive

# ---- standard input, run directly ------------------------------------------
Z40=0000000000000000000000000000000000000000
MAIN=$(git -C srv.git rev-parse main)
# stdin_case NAME WANT INPUT
stdin_case() {
	printf '%b' "$3" | GIT_DIR="$W/srv.git" "$RISKGATE" hook pre-receive >out 2>&1
	exits "stdin: $1" "$2" $?
}
stdin_case "valid" 0 "$MAIN $MAIN refs/heads/main\n"
stdin_case "no final newline" 0 "$MAIN $MAIN refs/heads/main"
stdin_case "empty" 2 ""
stdin_case "short id" 2 "1234 $MAIN refs/heads/main\n"
out_has "stdin: short id" out "40 (SHA-1) or 64 (SHA-256)"
stdin_case "upper-case id" 2 "$(echo "$MAIN" | tr a-f A-F) $MAIN refs/heads/main\n"
stdin_case "no ref" 2 "$MAIN $MAIN\n"
stdin_case "no ref after space" 2 "$MAIN $MAIN \n"
stdin_case "not under refs/" 2 "$MAIN $MAIN main\n"
stdin_case "both zero" 2 "$Z40 $Z40 refs/heads/x\n"
stdin_case "lengths differ" 2 "$Z40 ${MAIN}000000000000000000000000 refs/heads/x\n"
stdin_case "CRLF" 2 "$MAIN $MAIN refs/heads/main\r\n"
stdin_case "escape in ref" 2 "$MAIN $MAIN refs/heads/\033[31mred\n"
out_lacks "stdin: escape not echoed raw" out "$(printf '\033')"
stdin_case "blank line" 2 "$MAIN $MAIN refs/heads/main\n\n"
out_has "stdin: line number" out "<stdin>:2:1"
stdin_case "tabs" 2 "$MAIN\t$MAIN\trefs/heads/main\n"
# The deadline, run directly: an update with 2,000 files to judge takes far
# more than 1 ms, whereas a no-op update can finish before the clock is read.
old=$(git -C srv.git rev-parse main)
git -C w checkout -q -b big "$old"
mkdir -p w/bulk
i=0
while [ $i -lt 2000 ]; do
	printf 'x\n' >"w/bulk/f$i.txt"
	i=$((i + 1))
done
git -C w add -A && git -C w commit -q -m "bulk" -s
big=$(git -C w rev-parse HEAD)
git -C srv.git fetch -q ../w "refs/heads/big:refs/pending/big"
git -C w checkout -q main
printf '%s %s refs/heads/main\n' "$old" "$big" |
	GIT_DIR="$W/srv.git" "$RISKGATE" hook pre-receive --deadline-ms 1 >out 2>&1
exits "deadline: exit code" 3 $?
out_has "deadline: message" out "riskgate: deadline of 1 ms reached after"
stdin_case "missing object" 3 "$MAIN 1111111111111111111111111111111111111111 refs/heads/main\n"
printf '%s %s refs/heads/main\n' "$MAIN" "$MAIN" |
	GIT_DIR="$W/srv.git" "$RISKGATE" hook pre-receive --deadline-ms x >out 2>&1
exits "bad --deadline-ms" 2 $?

# ---- SHA-256 ---------------------------------------------------------------
if git init -q --bare --object-format=sha256 srv256.git 2>/dev/null; then
	# libgit2 1.5.1 leaks a PCRE2 match buffer when it refuses a repository
	# extension (no riskgate frame in the trace): under LeakSanitizer that
	# would turn the exit code into 1. Leak checking stays on everywhere else.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	export ASAN_OPTIONS
	git init -q --object-format=sha256 w256
	cp policy.json w256/.riskgate.json
	git -C w256 add -A && git -C w256 commit -q -s -m initial
	git -C w256 push -q ../srv256.git main 2>/dev/null
	"$RISKGATE" hook install --repo srv256.git >out 2>&1
	exits "sha256: install refused" 3 $?
	out_has "sha256: install says why" out "SHA-256"
	printf '#!/bin/sh\nexec "%s" hook pre-receive\n' "$RISKGATE" >srv256.git/hooks/pre-receive
	chmod +x srv256.git/hooks/pre-receive
	git -C w256 commit -q -s --allow-empty -m "next"
	git -C w256 push ../srv256.git main >out 2>&1
	# libgit2 1.5 cannot read SHA-256 repositories: the hook must say so
	# and reject (fail closed), never let the push through unevaluated.
	got=$?
	if git -C srv256.git rev-parse -q --verify main >/dev/null &&
		[ "$(git -C srv256.git rev-parse main)" = "$(git -C w256 rev-parse main)" ]; then
		out_has "sha256: evaluated" out "push accepted"
	else
		exits "sha256: rejected, fail closed" 1 "$([ "$got" -ne 0 ] && echo 1)"
		out_has "sha256: says why" out "SHA-256"
	fi
	H256=$(git -C srv256.git rev-parse main)
	check "sha256: a 64-digit id" test "${#H256}" -eq 64
	printf '%s %s refs/heads/main\n' "$H256" "$H256" |
		GIT_DIR="$W/srv256.git" "$RISKGATE" hook pre-receive >out 2>&1
	got=$?
	if [ "$got" = 2 ]; then fail "sha256: 64-digit ids parsed as malformed"; else pass; fi
	Z64=$Z40$(printf '%024d' 0)
	printf '%s %s refs/heads/x\n' "$Z64" "$Z64" |
		GIT_DIR="$W/srv256.git" "$RISKGATE" hook pre-receive >out 2>&1
	exits "sha256: both zero (64 digits)" 2 $?
fi

finish hook
