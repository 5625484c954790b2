#!/bin/sh
# The hook's deadline is its own error class: a real error that happens to
# end after the deadline stays that error, and "on_deadline": "pass" never
# accepts it. Real pushes into a bare repository.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/hookdeadline"
mkdir -p "$W"
cd "$W" || exit 1

exits() { if [ "$2" = "$3" ]; then pass; else fail "$1: exit $3, expected $2"; sed 's/^/    /' "$W/out" | head -n 20 >&2; fi; }
out_has() {
	if grep -qF -- "$3" "$2"; then pass; else
		fail "$1: output lacks: $3"
		sed 's/^/    /' "$2" | head -n 20 >&2
	fi
}

# ---- a late real error is not a deadline ----------------------------------
# A path pattern that backtracks: six hundred paths that take long to
# classify, then one that hits PCRE2's match limit. The classification
# ends after the deadline with a regex error; on_deadline "pass" must not
# turn it into an accepted push.
rm -rf srv5.git w5
git init -q --bare srv5.git
git init -q w5
cat >w5/.riskgate.json <<'EOF'
{"version": 1, "default_tier": "x", "on_deadline": "pass",
 "tiers": [{"name": "x", "paths": ["^d[0-9]+/(a|aa)+$"]}]}
EOF
git -C w5 add -A && git -C w5 commit -q -s -m initial
git -C w5 remote add origin ../srv5.git
git -C w5 push -q origin main 2>/dev/null
slow=$(awk 'BEGIN { for (i = 0; i < 27; i++) printf "a"; printf "b" }')
for i in $(seq 1000 1599); do mkdir "w5/d$i" && echo y >"w5/d$i/$slow"; done
mkdir w5/d9999 && echo y >"w5/d9999/$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "a"; printf "b" }')"
git -C w5 add -A && git -C w5 commit -q -s -m "many paths"
# hook NAME MS: the server runs the hook with a deadline of MS.
# Timing (and PCRE2's JIT) is the point here, so under the valgrind matrix
# the hook runs the plain build (make test builds it first) rather than
# memcheck's slowed, JIT-less one: the proof still runs, without memcheck.
HOOK_BIN=$RISKGATE
PLAIN_BIN="$(cd "$(dirname "$0")/.." && pwd)/build/riskgate"
[ -n "${VG_LOG_DIR:-}" ] && [ -x "$PLAIN_BIN" ] && HOOK_BIN=$PLAIN_BIN
hook() {
	printf '#!/bin/sh\nexec "%s" hook pre-receive --deadline-ms %s\n' "$HOOK_BIN" "$1" \
		>srv5.git/hooks/pre-receive
	chmod +x srv5.git/hooks/pre-receive
}
decided() { sed -n 's/.*decided in \([0-9]*\) ms (deadline .*/\1/p' out | head -n 1; }

# With time to spare: the regex error (the input's, not the clock's). How
# long it takes sets the deadline of the next push, so that the same proof
# holds on a slow machine or under valgrind: classifying dominates, so half
# the time is past reading the change and before the regex error.
hook 600000
git -C w5 push origin main >out 2>&1
exits "regex error with time to spare" 1 $?
out_has "regex error with time to spare: says regex" out "match limit"
total=$(decided)
deadline=$(( ${total:-1600} / 2 ))

hook "$deadline"
git -C w5 push origin main >out 2>&1
rc=$?
exits "late regex error: rejected as an error, not accepted by on_deadline" 1 "$rc"
out_has "late regex error: says regex" out "match limit"
if grep -qF "on_deadline" out; then fail "late regex error: reported as the deadline"; else pass; fi
# The proof is worth something only if the error did come after the deadline.
used=$(decided)
check "late regex error: decided after the deadline (${used:-?} of $deadline ms)" \
	test "${used:-0}" -gt "$deadline"

# A real deadline still honours on_deadline "pass".
hook 1
git -C w5 push origin main >out 2>&1
exits "a real deadline, on_deadline pass" 0 $?
out_has "a real deadline: says so" out "on_deadline"

finish hookdeadline
