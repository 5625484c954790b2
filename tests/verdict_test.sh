#!/bin/sh
# Durable verdicts (docs/verdicts.md): `check --write-note` and the server's
# pre-receive/post-receive pair write the verdict as a note under
# refs/notes/riskgate, optionally signed; `riskgate verify` reads it back
# and refuses every note that is not the gate's own verdict of that commit.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/verdict"
mkdir -p "$W"
cd "$W" || exit 1

if ! command -v ssh-keygen >/dev/null 2>&1; then
	fail "ssh-keygen is needed (openssh-client): signed verdicts cannot be tested"
	finish verdict
	exit 1
fi

# exits NAME WANT GOT
exits() {
	if [ "$3" -eq "$2" ]; then pass; else fail "$1: exit $3, want $2"; fi
}
# has NAME FILE TEXT / hasnt NAME FILE TEXT
has() {
	if grep -qF -- "$3" "$2"; then pass; else
		fail "$1: '$3' not in $2"
		sed 's/^/    /' "$2" >&2
	fi
}
hasnt() {
	if grep -qF -- "$3" "$2"; then
		fail "$1: '$3' in $2"
		sed 's/^/    /' "$2" >&2
	else pass; fi
}

cat >policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "overrides": {"users": ["alice"], "identity_env": "GL_USERNAME"},
  "tiers": [
    {"name": "code", "paths": ["^src/"], "require": {"tests": "changed"}},
    {"name": "low", "paths": []}
  ],
  "tests": {"paths": ["^tests/"]}
}
JSON
ssh-keygen -q -t ed25519 -N "" -C gate -f gate.key
ssh-keygen -q -t ed25519 -N "" -C mallory -f mallory.key
printf 'riskgate namespaces="riskgate-verdict" %s\n' "$(cat gate.key.pub)" >signers
printf 'riskgate namespaces="git" %s\n' "$(cat gate.key.pub)" >signers-git-only
printf 'riskgate namespaces="riskgate-verdict" %s\n' "$(cat mallory.key.pub)" >signers-mallory

git init -q r
cp policy.json r/.riskgate.json
echo "# r" >r/README.md
git -C r add -A && git -C r commit -q -m initial
git -C r checkout -q -b good
mkdir -p r/src r/tests
echo "int f(void) { return 1; }" >r/src/f.c
echo "test f" >r/tests/f_test.sh
git -C r add -A && git -C r commit -q -m "Add f with its test"
git -C r checkout -q -b bad main
mkdir -p r/src
echo "int g(void) { return 2; }" >r/src/g.c
git -C r add -A && git -C r commit -q -m "Add g without a test"

# ---- check --write-note -----------------------------------------------------
"$RISKGATE" check --repo r --base main --head good --write-note >out 2>&1
exits "check --write-note, passing change" 0 $?
good=$(git -C r rev-parse good)
git -C r notes --ref riskgate show "$good" >note 2>&1
check "the note is on the head" test -s note
check "bad is a commit of its own" test "$(git -C r rev-parse bad)" != "$(git -C r rev-parse main)"
check "the note is one line, unsigned" test "$(wc -l <note)" -eq 1
has "note: format" note '{"riskgate_verdict":1,"commit":"'"$good"'","verdict":"pass"'
has "note: policy digest" note "\"sha256\":\"$(sha256sum r/.riskgate.json | cut -c1-64)\""
has "note: requirement" note '{"tier":"code","check":"tests","status":"pass"'
(cd r && "$RISKGATE" verify good) >out 2>&1
exits "verify: a pass verdict" 0 $?
has "verify: says pass" out "good: pass, evaluated "
has "verify: says unsigned" out ", unsigned"
"$RISKGATE" verify --repo r --format json good >out.json 2>&1
exits "verify --format json" 0 $?
has "verify json: landed" out.json '"landed":	"pass"'
has "verify json: verified" out.json '"verified":	true'

"$RISKGATE" check --repo r --base main --head bad --write-note >out 2>&1
exits "check --write-note, failing change" 1 $?
"$RISKGATE" verify --repo r bad >out 2>&1
exits "verify: a fail verdict" 1 $?
has "verify: says fail" out "bad: fail"
"$RISKGATE" verify --repo r main >out 2>&1
exits "verify: no verdict" 1 $?
has "verify: says none" out "main: none (no verdict recorded under refs/notes/riskgate)"
"$RISKGATE" verify --repo r good bad >out 2>&1
exits "verify: one of two fails" 1 $?

# ---- signed -------------------------------------------------------------------
"$RISKGATE" check --repo r --base main --head good --write-note --sign-key gate.key >out 2>&1
exits "check --sign-key" 0 $?
git -C r notes --ref riskgate show "$good" >note
has "signed note: signature follows" note "-----BEGIN SSH SIGNATURE-----"
"$RISKGATE" verify --repo r --allowed-signers signers good >out 2>&1
exits "verify: signed by the gate" 0 $?
has "verify: names the signer" out "signed by riskgate (allowed signers line 1)"
# OpenSSH agrees: the signature is over the record line, in namespace riskgate-verdict.
head -n 1 note >record
tail -n +2 note >record.sig
ssh-keygen -Y verify -f signers -I riskgate -n riskgate-verdict -s record.sig <record >out 2>&1
exits "ssh-keygen -Y verify accepts the gate's signature" 0 $?
ssh-keygen -Y verify -f signers -I riskgate -n git -s record.sig <record >out 2>&1
check "ssh-keygen: not a git signature" test $? -ne 0
# The namespace is what the line allows: a line for "git" only does not count.
"$RISKGATE" verify --repo r --allowed-signers signers-git-only good >out 2>&1
exits "verify: the key's line excludes riskgate-verdict" 1 $?
has "verify: namespace named" out 'excludes namespace "riskgate-verdict"'
"$RISKGATE" verify --repo r --allowed-signers signers --signer someone-else good >out 2>&1
exits "verify: another principal" 1 $?

# ---- what an attacker with write access to the notes tries ---------------------
# An unsigned note where signatures are required.
"$RISKGATE" verify --repo r --allowed-signers signers bad >out 2>&1
exits "attack: unsigned note, signers required" 1 $?
has "attack: unsigned named" out "signature: the verdict is not signed"

# The gate's signed pass verdict of one commit, copied onto another.
blob=$(git -C r rev-parse "refs/notes/riskgate:$good")
git -C r notes --ref riskgate add -f -C "$blob" bad 2>/dev/null
"$RISKGATE" verify --repo r --allowed-signers signers bad >out 2>&1
exits "attack: a pass note copied onto another commit" 1 $?
has "attack: copied note named" out "is the verdict of commit ${good%"${good#????????????}"}, not of this one"
"$RISKGATE" verify --repo r bad >out 2>&1
exits "attack: copied note, even without signers" 1 $?

# The record edited after signing: fail turned into pass.
"$RISKGATE" check --repo r --base main --head bad --write-note --sign-key gate.key >out 2>&1
git -C r notes --ref riskgate show bad >note
sed '1s/"verdict":"fail"/"verdict":"pass"/' note >forged
check "attack: the forgery differs" test "$(cat forged)" != "$(cat note)"
git -C r notes --ref riskgate add -f -F "$W/forged" bad 2>/dev/null
"$RISKGATE" verify --repo r --allowed-signers signers bad >out 2>&1
exits "attack: edited record" 1 $?
has "attack: edited record, bad signature" out "the signature does not verify"

# A record signed by the attacker's own key, in the right namespace.
head -n 1 forged >forged.rec
ssh-keygen -q -Y sign -n riskgate-verdict -f mallory.key forged.rec
cat forged.rec forged.rec.sig >forged2
git -C r notes --ref riskgate add -f -F "$W/forged2" bad 2>/dev/null
"$RISKGATE" verify --repo r --allowed-signers signers bad >out 2>&1
exits "attack: signed by another key" 1 $?
has "attack: other key named" out "the key is on no allowed signers line"
"$RISKGATE" verify --repo r --allowed-signers signers-mallory bad >out 2>&1
exits "the same record, verified with that key's own file" 0 $?

# The gate's key, made to sign for git's namespace (say, a commit signature).
rm -f forged.rec.sig
ssh-keygen -q -Y sign -n git -f gate.key forged.rec
cat forged.rec forged.rec.sig >forged3
git -C r notes --ref riskgate add -f -F "$W/forged3" bad 2>/dev/null
"$RISKGATE" verify --repo r --allowed-signers signers bad >out 2>&1
exits "attack: a signature for namespace git" 1 $?
has "attack: namespace named" out 'another namespace than "riskgate-verdict"'

# A second "verdict" member: the strict reader refuses duplicate keys.
printf '{"riskgate_verdict":1,"commit":"%s","verdict":"fail","range":{"base":null,"merge_base":null,"head":"%s"},"verdict":"pass"}\n' \
	"$(git -C r rev-parse bad)" "$(git -C r rev-parse bad)" >dup
git -C r notes --ref riskgate add -f -F "$W/dup" bad 2>/dev/null
"$RISKGATE" verify --repo r bad >out 2>&1
exits "attack: duplicate verdict key" 1 $?
has "attack: duplicate key named" out "invalid"

# Text after the record that is not a signature.
{ head -n 1 note | sed 's/"verdict":"fail"/"verdict":"pass"/'; echo "signed-off: the gate"; } >trail
git -C r notes --ref riskgate add -f -F "$W/trail" bad 2>/dev/null
"$RISKGATE" verify --repo r bad >out 2>&1
exits "attack: trailing text" 1 $?
has "attack: trailing text named" out "not an SSH signature"

# Junk after the gate's own signature.
"$RISKGATE" check --repo r --base main --head good --write-note --sign-key gate.key >/dev/null 2>&1
{ git -C r notes --ref riskgate show good; echo "smuggled"; } >junk
git -C r notes --ref riskgate add -f -F "$W/junk" good 2>/dev/null
"$RISKGATE" verify --repo r --allowed-signers signers good >out 2>&1
exits "attack: text after the signature" 1 $?
has "attack: text after the signature named" out "text after its signature"

# A record with no time, signed by the gate's key: the key's validity is
# judged at the record's time, so a record must have one.
printf '{"riskgate_verdict":1,"commit":"%s","verdict":"pass","range":{"base":null,"merge_base":null,"head":"%s"}}\n' \
	"$good" "$good" >notime.rec
rm -f notime.rec.sig
ssh-keygen -q -Y sign -n riskgate-verdict -f gate.key notime.rec
cat notime.rec notime.rec.sig >notime
git -C r notes --ref riskgate add -f -F "$W/notime" good 2>/dev/null
"$RISKGATE" verify --repo r --allowed-signers signers good >out 2>&1
exits "attack: a signed record without evaluated_at" 1 $?
has "attack: no time named" out "no evaluated_at"

# Principals and namespaces are matched exactly, as ssh-keygen does.
"$RISKGATE" check --repo r --base main --head good --write-note --sign-key gate.key >/dev/null 2>&1
printf 'RiskGate namespaces="riskgate-verdict" %s\n' "$(cat gate.key.pub)" >signers-case
"$RISKGATE" verify --repo r --allowed-signers signers-case good >out 2>&1
exits "another principal's case" 1 $?
printf 'riskgate namespaces="RISKGATE-VERDICT" %s\n' "$(cat gate.key.pub)" >signers-case
"$RISKGATE" verify --repo r --allowed-signers signers-case good >out 2>&1
exits "another namespace's case" 1 $?

# --onto: a pass over a base of the author's choosing does not count.
git -C r checkout -q -b badchild bad
echo "docs" >>r/README.md
git -C r commit -q -am "docs on top of bad"
"$RISKGATE" check --repo r --base bad --head badchild --write-note --sign-key gate.key >out 2>&1
exits "a pass over the author's own base" 0 $?
"$RISKGATE" verify --repo r --allowed-signers signers badchild >out 2>&1
exits "...which verify alone counts" 0 $?
"$RISKGATE" verify --repo r --allowed-signers signers --onto main badchild >out 2>&1
exits "verify --onto main: not a pass onto main" 1 $?
has "verify --onto: says why" out "which --onto does not hold"
"$RISKGATE" verify --repo r --allowed-signers signers --onto main good >out 2>&1
exits "verify --onto main: a pass judged from main" 0 $?
git -C r checkout -q main

# Usage and errors: never a pass.
"$RISKGATE" check --repo r --base main --head good --sign-key gate.key >out 2>&1
exits "--sign-key without --write-note" 2 $?
"$RISKGATE" check --repo r --base main --head good --write-note --sign-key nonexistent.key >out 2>&1
rc=$?
check "a missing signing key is an error, not a pass (exit $rc)" test "$rc" -ge 2
has "missing key named" out "nonexistent.key"
"$RISKGATE" verify --repo r no-such-rev >out 2>&1
exits "verify: unknown revision" 3 $?
echo "not a signers file" >bad-signers
"$RISKGATE" verify --repo r --allowed-signers bad-signers good >out 2>&1
exits "verify: malformed allowed signers" 2 $?
"$RISKGATE" verify --repo r --signer riskgate good >out 2>&1
exits "verify: --signer without --allowed-signers" 2 $?

# ---- on the server: pre-receive keeps, post-receive writes ---------------------
git init -q --bare srv.git
git -C srv.git config receive.advertisePushOptions true
"$RISKGATE" hook install --repo srv.git --sign-key gate.key >out 2>&1
exits "hook install --sign-key without --notes" 2 $?
printf '#!/bin/sh\necho "mail the team"\n' >srv.git/hooks/post-receive
chmod +x srv.git/hooks/post-receive
"$RISKGATE" hook install --repo srv.git --notes --sign-key gate.key --policy policy.json >out 2>&1
exits "hook install --notes: another post-receive hook is left alone" 2 $?
check "hook install --notes: nothing installed then" test ! -e srv.git/hooks/pre-receive
"$RISKGATE" hook install --repo srv.git --notes --sign-key gate.key --policy policy.json \
	--chain >out 2>&1
exits "hook install --notes --chain" 0 $?
has "install: --notes in the pre-receive hook" srv.git/hooks/pre-receive "'--notes'"
has "install: the post-receive hook writes the notes" srv.git/hooks/post-receive \
	"hook post-receive '--sign-key' '$W/gate.key'"
has "install: says where the post-receive hook is" out "installed $W/srv.git/hooks/post-receive"
has "install: the other post-receive hook is chained" out "post-receive.riskgate-chained runs after riskgate, with the same input"
"$RISKGATE" hook install --repo srv.git --notes --sign-key gate.key --policy policy.json >out 2>&1
exits "hook install --notes again" 0 $?
has "install again: unchanged" out "already installed $W/srv.git/hooks/post-receive"
# `hook status` proves both halves: the gate, and the hook that writes its
# verdicts.
"$RISKGATE" hook status --repo srv.git >out 2>&1
exits "status: both hooks run riskgate" 0 $?
has "status: the gate keeps notes" out "riskgate runs on the next push: yes - it answered (riskgate $("$RISKGATE" --version | sed -n '1s/^riskgate //p') (pre-receive, verdict notes) at"
has "status: post-receive answers" out "riskgate writes them after the next push: yes - it answered (riskgate"
has "status: post-receive by git" out "checked by: git hook run post-receive"
check "status: the chained post-receive hook is not run by the probe" sh -c '! grep -q "mail the team" out'
chmod -x srv.git/hooks/post-receive
"$RISKGATE" hook status --repo srv.git >out 2>&1
exits "status: post-receive not executable" 1 $?
has "status: says the notes are not written" out "riskgate writes them after the next push: NO - $W/srv.git/hooks/post-receive is not executable"
chmod +x srv.git/hooks/post-receive
cp srv.git/hooks/post-receive post-receive.kept
cp srv.git/hooks/pre-receive srv.git/hooks/post-receive
"$RISKGATE" hook status --repo srv.git >out 2>&1
exits "status: the gate itself in post-receive's place does not write notes" 1 $?
has "status: riskgate did not answer as post-receive" out "riskgate writes them after the next push: NO - $W/srv.git/hooks/post-receive ran, but riskgate did not answer from it"
printf '#!/bin/sh\nexit 0\n' >srv.git/hooks/post-receive
"$RISKGATE" hook status --repo srv.git >out 2>&1
exits "status: a foreign post-receive hook" 1 $?
cp post-receive.kept srv.git/hooks/post-receive
"$RISKGATE" hook status --repo srv.git >out 2>&1
exits "status: yes again" 0 $?
git init -q --bare plain.git
"$RISKGATE" hook install --repo plain.git --policy policy.json >out 2>&1
"$RISKGATE" hook status --repo plain.git >out 2>&1
exits "status without --notes" 0 $?
check "status without --notes: no post-receive asked about" sh -c '! grep -q "verdict notes" out'
git -C r remote add srv ../srv.git
git -C r push srv main >out 2>&1
exits "server: first push" 0 $?
has "server: the chained post-receive hook runs too" out "mail the team"

git -C r push srv good:main >out 2>&1
exits "server: passing push accepted" 0 $?
"$RISKGATE" verify --repo srv.git --allowed-signers signers main >out 2>&1
exits "server: the pushed head has a signed pass verdict" 0 $?
git -C srv.git notes --ref riskgate show main >note
has "server: the record names the ref" note '"ref":"refs/heads/main"'
check "server: nothing left over" test -z "$(ls srv.git/riskgate-verdicts 2>/dev/null)"

bad=$(git -C r rev-parse bad)
git -C r branch -q bad2 bad
git -C r rebase -q good bad2 >/dev/null 2>&1
git -C r push srv bad2:main >out 2>&1
exits "server: failing push rejected" 1 $?
check "server: a rejected push leaves no verdict" test -z "$(ls srv.git/riskgate-verdicts 2>/dev/null)"
"$RISKGATE" verify --repo srv.git "$(git -C r rev-parse bad2)" >out 2>&1
check "server: the rejected commit has no note" test $? -ne 0

# Break glass: accepted, and the note says who and why.
GL_USERNAME=alice git -C r push -o "riskgate.override=incident 42" srv bad2:main >out 2>&1
exits "server: override accepted" 0 $?
"$RISKGATE" verify --repo srv.git --allowed-signers signers main >out 2>&1
exits "server: an override is not a pass" 1 $?
has "server: override named" out "main: override by alice"
"$RISKGATE" verify --repo srv.git --allowed-signers signers --allow-override main >out 2>&1
exits "server: --allow-override" 0 $?
git -C srv.git notes --ref riskgate show main >note
has "server: override reason kept" note '"override":{"by":"alice","reason":"incident 42"}'

# A note that cannot be written stays kept, and post-receive run again with
# the same input writes it.
git -C r checkout -q -b y good
echo "int h(void) { return 8; }" >r/src/h.c
echo "test h" >r/tests/h_test.sh
git -C r add -A && git -C r commit -q -m "h with its test"
old_main=$(git -C srv.git rev-parse main)
git -C r merge -q --no-edit "$old_main" >/dev/null 2>&1
y=$(git -C r rev-parse y)
: >srv.git/refs/notes/riskgate.lock
git -C r push srv y:main >out 2>&1
exits "locked notes: the push itself is accepted" 0 $?
has "locked notes: the pusher is told" out "was not recorded"
rm -f srv.git/refs/notes/riskgate.lock
check "locked notes: the record is kept" test -n "$(ls srv.git/riskgate-verdicts)"
printf '%s %s refs/heads/main\n' "$old_main" "$y" |
	(cd srv.git && GIT_DIR=. "$RISKGATE" hook post-receive --sign-key "$W/gate.key") >out 2>&1
exits "locked notes: post-receive again" 0 $?
"$RISKGATE" verify --repo srv.git --allowed-signers signers main >out 2>&1
exits "locked notes: now recorded" 0 $?
check "locked notes: nothing left over" test -z "$(ls srv.git/riskgate-verdicts)"

# A record whose update git refused after pre-receive accepted it is not
# used for the same commit on another ref.
git -C srv.git config receive.denyNonFastForwards true
git -C r checkout -q -b w good
echo "int w(void) { return 9; }" >r/src/w.c
echo "test w" >r/tests/w_test.sh
git -C r add -A && git -C r commit -q -m "w with its test"
git -C r push -f srv w:main >out 2>&1
check "refused by git: the push fails" test $? -ne 0
check "refused by git: main did not move" test "$(git -C srv.git rev-parse main)" = "$y"
git -C r push srv w:refs/heads/feature/w >out 2>&1
exits "refused by git: the commit on an ungated ref" 0 $?
"$RISKGATE" verify --repo srv.git "$(git -C r rev-parse w)" >out 2>&1
exits "refused by git: no verdict claims it landed on main" 1 $?
git -C srv.git config --unset receive.denyNonFastForwards
git -C r checkout -q main

# A pushed notes ref would be a verdict no evaluation gave.
git -C r notes --ref riskgate add -f -m forged "$(git -C r rev-parse bad2)" 2>/dev/null
git -C r push srv +refs/notes/riskgate >out 2>&1
exits "server: pushing refs/notes/riskgate is refused" 1 $?
has "server: says why" out "refs/notes/riskgate is written by riskgate on the server"
git -C r push srv +refs/notes/riskgate:refs/notes/RISKGATE >out 2>&1
exits "server: the notes ref in another case is refused" 1 $?
git -C r push srv +refs/notes/riskgate:refs/notes/riskgate/x >out 2>&1
exits "server: a ref below it is refused" 1 $?

# An annotated tag: the verdict goes on the commit it names.
git -C r tag -a -m "v1" v1 good
git -C r push srv v1 >out 2>&1
exits "server: tag push" 0 $?
"$RISKGATE" verify --repo srv.git --allowed-signers signers v1 >out 2>&1
exits "server: the tag's commit has its verdict" 0 $?

# Two gated refs in one push: a commit only the first of them held is judged
# for the second, not taken as judged with the first.
git -C r checkout -q -b z good
echo "int z(void) { return 26; }" >r/src/z.c
git -C r add -A && git -C r commit -q -m "z, untested"
git -C r push -q srv z:refs/heads/feature/z >/dev/null 2>&1
git -C srv.git update-ref refs/heads/release/2 "$(git -C r rev-parse z)"
git -C srv.git update-ref refs/heads/release/3 "$good"
echo "more" >>r/README.md
git -C r commit -q -am "docs on top of z"
git -C r push srv z:refs/heads/release/2 z:refs/heads/release/3 >out 2>&1
exits "two gated refs: the second ref's own commits are judged" 1 $?
check "two gated refs: release/3 did not move" \
	test "$(git -C srv.git rev-parse release/3)" = "$good"
has "two gated refs: the untested file is named" out "src/z.c"
"$RISKGATE" verify --repo srv.git "$(git -C r rev-parse z)" >/dev/null 2>&1
check "two gated refs: no verdict for the rejected tip" test $? -ne 0
git -C r checkout -q main

# ---- audit: which verdict each commit landed with ---------------------------------
# A commit made on the server itself, around the gate: no verdict.
c=$(git -C srv.git commit-tree -p main -m "made on the server" "main^{tree}")
git -C srv.git update-ref refs/heads/main "$c"
root=$(git -C srv.git rev-list --max-parents=0 main)
"$RISKGATE" audit --repo srv.git --policy policy.json "$root..main" >audit.txt 2>&1
has "audit: LANDED column" audit.txt "LANDED"
# landed_row NAME COMMIT WANT: the row of COMMIT says WANT in the LANDED column.
landed_row() {
	got=$(awk -v id="$(echo "$2" | cut -c1-12)" '$1 == id { print $3; exit }' audit.txt)
	if [ "$got" = "$3" ]; then pass; else
		fail "$1: landed '$got', want '$3'"
		sed 's/^/    /' audit.txt >&2
	fi
}
landed_row "audit: made around the gate" "$c" none
landed_row "audit: let through by an override" "$(git -C r rev-parse bad2)" override
landed_row "audit: passed" "$good" pass
has "audit: override named in the details" audit.txt "override by alice"
"$RISKGATE" audit --repo srv.git --policy policy.json --format json "$root..main" >audit.json 2>&1
has "audit json: landed state" audit.json '"landed":{"state":"override"'
has "audit json: the note's commit" audit.json "\"note_on\":\"$(git -C r rev-parse bad2)\""
# A note that is not the commit's verdict does not count as one.
git -C srv.git notes --ref riskgate add -f -C "$(git -C srv.git rev-parse "refs/notes/riskgate:$good")" "$c" 2>/dev/null
"$RISKGATE" audit --repo srv.git --policy policy.json "$root..main" >audit.txt 2>&1
landed_row "audit: a copied note" "$c" invalid


# ---- failure-mode answers in the record -----------------------------------------
jqe() { jq -e "$@" >/dev/null; }
# The answers of a pull request description are kept in the verdict
# (docs/verdicts.md, "The record"), under the signature.
cat >wt-policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "walkthrough": {"questions": [
    {"id": "q1", "heading": "What happens if this runs twice?"},
    {"id": "q2", "heading": "How is a failure seen in production?"},
    {"id": "q3", "heading": "What is not asked here?"},
    {"id": "q4", "heading": "How big can it get?"},
    {"id": "q5", "heading": "Who is paged?"},
    {"id": "q6", "heading": "How is it rolled back?"},
    {"id": "q7", "heading": "What does it cost?"},
    {"id": "q8", "heading": "Where is it logged?"},
    {"id": "q9", "heading": "What breaks first?"},
    {"id": "q10", "heading": "Who reviewed the design?"}
  ]},
  "tiers": [
    {"name": "critical", "paths": ["(^|/)jobs/"], "require": {"walkthrough": ["q1", "q2"]}},
    {"name": "big", "paths": ["(^|/)big/"], "require": {"walkthrough": true}},
    {"name": "low", "paths": []}
  ]
}
JSON
git init -q -b main wt
cp wt-policy.json wt/.riskgate.json
echo "# wt" >wt/README.md
git -C wt add -A && git -C wt commit -q -m initial
git -C wt checkout -q -b job
mkdir -p wt/jobs
printf 'def refund(order):\n    pay(order)\n' >wt/jobs/refund.py
git -C wt add -A && git -C wt commit -q -m "Refund job"
# Answers with what JSON must escape: quotes, a backslash, a tab, a line break.
printf '%s\n' '## What happens if this runs twice?' \
	'The refund is keyed by the order id ("Idempotency-Key"), so a second run' \
	'finds the first refund and returns it; C:\temp is never	touched.' \
	'## How is a failure seen in production?' \
	'Every refused request increments refunds_failed_total, which alerts.' >desc.md
"$RISKGATE" check --repo wt --base main --head job --description desc.md --write-note \
	--sign-key gate.key --json wt.json >out 2>&1
exits "answers: check --description --write-note" 0 $?
job=$(git -C wt rev-parse job)
git -C wt notes --ref riskgate show "$job" | head -n 1 >wt-record
check "answers: the record is one JSON object" jqe 'type == "object"' wt-record
want1=$(sed -n '2,3p' desc.md)
want2=$(sed -n '5p' desc.md)
check "answers: the description's first answer, exactly" \
	test "$(jq -r '.answers[] | select(.question == "q1") | .answer' wt-record)" = "$want1"
check "answers: the description's second answer, exactly" \
	test "$(jq -r '.answers[] | select(.question == "q2") | .answer' wt-record)" = "$want2"
check "answers: the same as the report's" \
	test "$(jq -c '[.answers[] | {question, heading, status, source, answer}]' wt-record)" = \
	"$(jq -c '[.walkthrough[] | select(.question == "q1" or .question == "q2") | {question, heading, status, source, answer}]' wt.json)"
check "answers: the questions asked, in order, with heading, status and source" \
	test "$(jq -c '[.answers[] | [.question, .heading, .status, .source]]' wt-record)" = \
	'[["q1","What happens if this runs twice?","answered","description"],["q2","How is a failure seen in production?","answered","description"]]'
check "answers: a question no tier asked is not recorded" \
	test "$(jq '[.answers[] | select(.question == "q3")] | length' wt-record)" -eq 0
check "answers: the members in their order" \
	test "$(jq -c 'keys_unsorted' wt-record)" = \
	'["riskgate_verdict","commit","verdict","range","ref","pusher","evaluated_at","tool","policy","requirements","findings","waivers","answers"]'
check "answers: compact, one line" test "$(wc -l <wt-record)" -eq 1
check "answers: canonical (jq -c prints the same)" test "$(jq -c . wt-record)" = "$(cat wt-record)"
"$RISKGATE" verify --repo wt --allowed-signers signers job >out 2>&1
exits "answers: verify passes" 0 $?
has "answers: verify names the signer" out "signed by riskgate"
"$RISKGATE" verify --repo wt --format json job >out.json 2>&1
has "answers: verify json counts them" out.json '"answers":	2'

# Answered in a commit message instead: the record names that commit.
git -C wt checkout -q -b msg main
mkdir -p wt/jobs
printf 'def retry(job):\n    run(job)\n' >wt/jobs/retry.py
git -C wt add -A
git -C wt commit -q -m "Retry job" -m "What happens if this runs twice?
The job id is a unique key, so the second insert fails and the run stops." \
	-m "How is a failure seen in production?
An error log line with the job id, and jobs_failed_total counts it."
"$RISKGATE" check --repo wt --base main --head msg --write-note >out 2>&1
exits "answers: from a commit message" 0 $?
msg=$(git -C wt rev-parse msg)
git -C wt notes --ref riskgate show "$msg" >msg-note
check "answers: the commit is the source" \
	test "$(jq -r '[.answers[].source] | unique | .[]' msg-note)" = "$msg"
check "answers: the message's answer, exactly" \
	test "$(jq -r '.answers[0].answer' msg-note)" = "The job id is a unique key, so the second insert fails and the run stops."

# One answer edited in the note: the signature no longer verifies.
git -C wt notes --ref riskgate show "$job" >wt-note
sed '1s/finds the first refund/pays a second time/' wt-note >wt-forged
check "answers: the forgery differs" test "$(cat wt-forged)" != "$(cat wt-note)"
git -C wt notes --ref riskgate add -f -F "$W/wt-forged" "$job" 2>/dev/null
"$RISKGATE" verify --repo wt --allowed-signers signers job >out 2>&1
exits "attack: an edited answer" 1 $?
has "attack: edited answer, bad signature" out "the signature does not verify"
# An answer's source changed from a commit of nobody's to the description.
sed '1s/"source":"description"/"source":"elsewhere"/' wt-note >wt-forged
git -C wt notes --ref riskgate add -f -F "$W/wt-forged" "$job" 2>/dev/null
"$RISKGATE" verify --repo wt job >out 2>&1
exits "attack: an answer from nowhere, unsigned check" 1 $?
has "attack: answer without a source named" out "has no source"
# A record holding more answer text than the gate writes is not its record.
head -n 1 wt-note | jq -c --arg a "$(head -c 5000 /dev/zero | tr '\0' x)" \
	'.answers[0].answer = $a' >wt-forged
git -C wt notes --ref riskgate add -f -F "$W/wt-forged" "$job" 2>/dev/null
"$RISKGATE" verify --repo wt job >out 2>&1
exits "attack: an answer longer than the gate keeps" 1 $?
has "attack: long answer named" out "longer than a record holds"
head -n 1 wt-note | jq -c '.answers[0].truncated = false' >wt-forged
git -C wt notes --ref riskgate add -f -F "$W/wt-forged" "$job" 2>/dev/null
"$RISKGATE" verify --repo wt job >out 2>&1
exits "attack: truncated false" 1 $?

# The bound: 4,003 bytes an answer (the report's 4,000 and "..."), 32 KiB
# together; past it answers are cut, to nothing once it is spent, and each
# cut answer is marked truncated.
git -C wt checkout -q -b big main
mkdir -p wt/big
echo big >wt/big/b.txt
git -C wt add -A && git -C wt commit -q -m "Big"
awk 'BEGIN {
	split("What happens if this runs twice?|How is a failure seen in production?|What is not asked here?|How big can it get?|Who is paged?|How is it rolled back?|What does it cost?|Where is it logged?|What breaks first?|Who reviewed the design?", h, "|")
	for (i = 1; i <= 10; i++) {
		printf "## %s\n", h[i]
		s = ""
		while (length(s) < 5000) s = s "answer" i "z "
		print s
	}
}' >big.md
"$RISKGATE" check --repo wt --base main --head big --description big.md --write-note >out 2>&1
exits "bound: check passes" 0 $?
git -C wt notes --ref riskgate show big >big-note
check "bound: ten answers" test "$(jq '.answers | length' big-note)" -eq 10
check "bound: each at most 4,003 bytes" jqe 'all(.answers[]; (.answer | utf8bytelength) <= 4003)' big-note
check "bound: at most 32 KiB together" jqe '([.answers[].answer | utf8bytelength] | add) <= 32768' big-note
check "bound: the budget is spent exactly" jqe '([.answers[].answer | utf8bytelength] | add) == 32768' big-note
check "bound: every cut answer is marked" jqe 'all(.answers[]; .truncated == true)' big-note
check "bound: the ninth gets what is left" jqe '.answers[8].answer | utf8bytelength == 32768 - 8 * 4003' big-note
check "bound: the tenth is cut to nothing, and says so" jqe '.answers[9] | .answer == "" and .truncated == true and .source == "description"' big-note
check "bound: an answer within the report's bound is the report's" \
	jqe '.answers[0].answer | startswith("answer1z answer1z") and endswith("...")' big-note
"$RISKGATE" verify --repo wt big >out 2>&1
exits "bound: verify reads the cut record" 0 $?

finish verdict
