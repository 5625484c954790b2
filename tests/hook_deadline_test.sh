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
# classify, then one it matches (so no prefilter can rule it out) on which
# PCRE2 hits its match limit. The classification
# ends after the deadline with a regex error; on_deadline "pass" must not
# turn it into an accepted push.
rm -rf srv5.git w5
git init -q --bare srv5.git
git init -q w5
cat >w5/.riskgate.json <<'EOF'
{"version": 1, "default_tier": "x", "on_deadline": "pass",
 "tiers": [{"name": "x", "paths": ["^d[0-9]+/((a|aa)+c|.*b$)"]}]}
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
# long it takes bounds the deadlines tried next.
hook 600000
base=$(git -C srv5.git rev-parse main)
git -C w5 push origin main >out 2>&1
exits "regex error with time to spare" 1 $?
out_has "regex error with time to spare: says regex" out "match limit"
total=$(decided)
total=${total:-1600}

# The proof needs a deadline that falls after the change was read and
# before the classification hit the regex error. Where that window lies
# depends on the machine and its load, so search for it: a deadline reached
# before the error is a real deadline (accepted by on_deadline, the server
# ref put back, a later one tried); an error before the deadline means an
# earlier one. Whatever the deadline, a push that reports the regex error
# must be rejected and never called the deadline; and some deadline must
# show the error arriving after it, rejected as the error.
lo=0 hi=$total proved="" tried=""
for attempt in 1 2 3 4 5 6 7 8; do
	deadline=$(( (lo + hi) / 2 ))
	[ "$deadline" -ge 1 ] || deadline=1
	tried="$tried $deadline"
	git -C srv5.git update-ref refs/heads/main "$base"
	hook "$deadline"
	git -C w5 push origin main >out 2>&1
	rc=$?
	used=$(decided)
	if grep -qF "match limit" out; then
		if [ "$rc" != 1 ] || grep -qF "on_deadline" out; then
			fail "late regex error (deadline $deadline ms): exit $rc, or called the deadline"
			sed 's/^/    /' out | head -n 20 >&2
			proved=bad
			break
		fi
		if [ "${used:-0}" -gt "$deadline" ]; then
			proved=yes
			break
		fi
		hi=$deadline
	elif [ "$rc" = 0 ] && grep -qF "on_deadline" out; then
		lo=$deadline
	else
		fail "late regex error (deadline $deadline ms): neither the regex error nor the deadline"
		sed 's/^/    /' out | head -n 20 >&2
		proved=bad
		break
	fi
done
case $proved in
yes) pass ;;
bad) ;;
*) fail "late regex error: no deadline (tried:$tried ms of $total) had the error arrive after it" ;;
esac

# A real deadline still honours on_deadline "pass".
git -C srv5.git update-ref refs/heads/main "$base"
hook 1
git -C w5 push origin main >out 2>&1
exits "a real deadline, on_deadline pass" 0 $?
out_has "a real deadline: says so" out "on_deadline"

finish hook_deadline
