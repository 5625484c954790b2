#!/bin/sh
# The per-commit comparison on a second thread (include/riskgate/history.h):
# a range long enough to start it gives, in `check` and in the pre-receive
# hook behind a real `git push`, exactly what the same binary gives with
# RISKGATE_THREADS=1 (no second thread), and the commits it attributes to a
# tier are the ones `git log -c --name-only` shows touching that tier.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

cd "$T_ROOT" || exit 1

# Timings differ from run to run; nothing else may.
normalise() { sed -E 's/[0-9]+ ?ms/<T> ms/g; s/"(duration_ms|elapsed_ms)":[[:space:]]*[0-9]+/"\1": 0/g' "$1"; }

# ---- a history of 61 commits: critical, normal and low paths, merges ------
git init -q w
cd w || exit 1
mkdir -p src/auth docs lib
echo base >README
git add -A && git commit -q -m base
git branch main
git checkout -q -b feature
for i in $(seq 1 48); do
	case $((i % 3)) in
	0) f=src/auth/a$((i % 5)).go ;;
	1) f=docs/d$((i % 4)).md ;;
	2) f=lib/l$((i % 2)).py ;;
	esac
	echo "line $i" >>"$f"
	git add -A
	if [ $((i % 4)) = 0 ]; then
		git commit -q -m "c$i" -m "Signed-off-by: Test Author <author@example.com>"
	else
		git commit -q -m "c$i"
	fi
	if [ "$i" = 20 ]; then
		# A side branch merged back: the merge itself touches nothing.
		git checkout -q -b side HEAD~3
		for j in 1 2 3 4 5; do echo "side $j" >>"docs/side.md" && git add -A &&
			git commit -q -m "side $j"; done
		git checkout -q feature
		git merge -q --no-edit side >/dev/null
	fi
	if [ "$i" = 30 ]; then
		# An evil merge: the merge commit itself changes src/auth.
		git checkout -q -b side2 HEAD~2
		echo side2 >>lib/side2.py && git add -A && git commit -q -m "side2"
		git checkout -q feature
		git merge -q --no-commit side2 >/dev/null 2>&1
		echo evil >>src/auth/evil.go && git add -A && git commit -q -m "evil merge"
	fi
done
cd "$T_ROOT" || exit 1
n=$(git -C w rev-list --count main..feature)
check "the range is long enough for the second thread ($n commits)" [ "$n" -ge 40 ]

# ---- check: threads or not, the same report --------------------------------
(cd w && "$RISKGATE" check --base main --head feature --format json >../two.json 2>../two.err)
rc2=$?
(cd w && RISKGATE_THREADS=1 "$RISKGATE" check --base main --head feature --format json \
	>../one.json 2>../one.err)
rc1=$?
check "check: exit 1 both ways ($rc2, $rc1)" [ "$rc2" = 1 ] && [ "$rc1" = 1 ]
normalise two.json >two.n && normalise one.json >one.n
if cmp -s two.n one.n && cmp -s two.err one.err; then pass; else
	fail "check: the report differs with RISKGATE_THREADS=1"
	diff one.n two.n | head -20 >&2
fi
(cd w && "$RISKGATE" check --base main --head feature >../two.txt 2>&1)
(cd w && RISKGATE_THREADS=1 "$RISKGATE" check --base main --head feature >../one.txt 2>&1)
normalise two.txt >two.tn && normalise one.txt >one.tn
check "check: the text report is the same with RISKGATE_THREADS=1" cmp -s two.tn one.tn

# The commits the report holds to the critical tier's provenance are those
# git shows touching src/auth (a merge: only what it changed itself).
git -C w log -c --name-only --format='C %H' main..feature |
	awk '/^C /{c=$2; next} /^src\/auth\//{print c}' | sort -u >git-critical.txt
jq -r '.violations[] | select(.check == "provenance" and .tier == "critical") | .commit' \
	two.json | sort -u >rg-critical.txt
check "some commits touch the critical tier ($(wc -l <git-critical.txt))" [ -s git-critical.txt ]
check "and some do not" [ "$(wc -l <git-critical.txt)" -lt "$n" ]
evil=$(git -C w rev-parse ':/evil merge')
check "the evil merge is one of them" grep -qx "$evil" git-critical.txt
if cmp -s git-critical.txt rg-critical.txt; then pass; else
	fail "the commits held to the critical tier differ from git (< git, > riskgate)"
	diff git-critical.txt rg-critical.txt >&2
fi

# ---- the pre-receive hook behind a real push ---------------------------------
# serve THREADS: a bare server whose hook runs riskgate with that setting.
serve() {
	rm -rf "srv$1.git"
	git init -q --bare "srv$1.git"
	git -C w push -q "../srv$1.git" main 2>/dev/null
	if [ "$1" = 1 ]; then env=RISKGATE_THREADS=1; else env=RISKGATE_THREADS=; fi
	printf '#!/bin/sh\nexec env %s "%s" hook pre-receive "$@"\n' "$env" \
		"${RISKGATE_BIN:-$RISKGATE}" >"srv$1.git/hooks/pre-receive"
	chmod +x "srv$1.git/hooks/pre-receive"
	git -C w push "../srv$1.git" feature:main >"push$1.out" 2>&1
	echo $? >"push$1.rc"
	git -C "srv$1.git" rev-parse main >"srv$1.main"
}
serve 2
serve 1
check "hook: the push is refused both ways" [ "$(cat push2.rc)" = 1 ] && [ "$(cat push1.rc)" = 1 ]
check "hook: main did not move" cmp -s srv2.main srv1.main
check "hook: main is still the base" [ "$(cat srv2.main)" = "$(git -C w rev-parse main)" ]
normalise push2.out | grep '^remote:' | sed "s#srv2.git#SRV#g" >push2.n
normalise push1.out | grep '^remote:' | sed "s#srv1.git#SRV#g" >push1.n
check "hook: the pusher sees some riskgate lines" grep -q 'riskgate' push2.n
if cmp -s push2.n push1.n; then pass; else
	fail "hook: what the pusher sees differs with RISKGATE_THREADS=1"
	diff push1.n push2.n | head -20 >&2
fi

# A deadline that passes at once: refused (exit 3), whichever thread sees it.
old=$(git -C w rev-parse main) new=$(git -C w rev-parse feature)
git init -q --bare dl.git && git -C w push -q ../dl.git main feature 2>/dev/null
for t in "" 1; do
	printf '%s %s refs/heads/main\n' "$old" "$new" |
		GIT_DIR="$T_ROOT/dl.git" RISKGATE_THREADS=$t "$RISKGATE" hook pre-receive --deadline-ms 1 \
			>dl.out 2>&1
	rc=$?
	check "hook, 1 ms deadline, RISKGATE_THREADS='$t': exit 3 ($rc)" [ "$rc" = 3 ]
	check "hook, 1 ms deadline, RISKGATE_THREADS='$t': says so" grep -q 'deadline' dl.out
done

# ---- the policy loads beside the change -------------------------------------
# check reads the change while the base's policy is parsed on a second
# thread (src/run.c). Its errors come in the order the steps had: an invalid
# policy wins over a range that cannot be read, threads or not.
git init -q pe
(
	cd pe || exit 1
	echo one >a.txt && git add -A && git commit -q -m one
	printf '{"version": 1, "default_tier": "x", "tiers": [{"name": "x", "paths": ["(unclosed"]}]}\n' \
		>.riskgate.json
	git add -A && git commit -q -m "a policy that does not compile"
	git tag bad
	git rm -q .riskgate.json && git commit -q -m "no policy"
	git tag good
)
for t in "" 1; do
	for range in "bad bad" "bad good" "good good"; do
		set -- $range
		(cd pe && RISKGATE_THREADS=$t "$RISKGATE" check --base "$1" --head "$2" \
			>"../pe-$1-$2-$t.out" 2>&1)
		echo $? >"pe-$1-$2-$t.rc"
	done
done
for range in "bad bad" "bad good" "good good"; do
	set -- $range
	check "policy beside the change, $1..$2: the same exit code and words with one thread" \
		cmp -s "pe-$1-$2-.rc" "pe-$1-$2-1.rc"
	check "policy beside the change, $1..$2: the same words with one thread" \
		cmp -s "pe-$1-$2-.out" "pe-$1-$2-1.out"
done
check "an invalid policy and an empty range: the policy's error, exit 2 ($(cat pe-bad-bad-.rc))" \
	[ "$(cat pe-bad-bad-.rc)" = 2 ]
check "an invalid policy and an empty range: it names the pattern" grep -q 'paths\[0\]: invalid regular expression' pe-bad-bad-.out
check "an invalid policy on a real range: exit 2 ($(cat pe-bad-good-.rc))" [ "$(cat pe-bad-good-.rc)" = 2 ]
check "a valid policy and an empty range: exit 3 ($(cat pe-good-good-.rc))" \
	[ "$(cat pe-good-good-.rc)" = 3 ]

finish threads
