#!/bin/sh
# git as the oracle: over many generated histories, the files, statuses,
# rename/copy sources and line counts that `riskgate check --format json`
# reports must equal what `git diff -M -C` says for merge-base..head, and the
# commits must equal `git rev-list head ^base`.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

HISTORIES=${ORACLE_HISTORIES:-40}
POLICY="$T_ROOT/policy.json"
printf '{"version": 1, "default_tier": "all", "tiers": [{"name": "all", "paths": []}]}\n' >"$POLICY"

# Content of a text file: `n` numbered lines derived from `tag`.
lines() { # tag n
	local i
	for ((i = 1; i <= $2; i++)); do echo "$1 line $i of $2"; done
}

names=(src/auth/login.c src/auth/session.go src/util/strings.c "src/util/with space.c"
	docs/guide.md tests/test_login.c lib/a.py lib/b.py lib/deep/nested/c.rs
	README.md Makefile infra/main.tf "odd name/x y.txt" bin/tool.sh app/models/payment.rb)

generate() { # seed dir
	local seed=$1 dir=$2 i n f g op
	RANDOM=$seed
	git init -q "$dir"
	cd "$dir" || return 1
	for f in "${names[@]}"; do
		mkdir -p "$(dirname "$f")"
		lines "$f-$seed" $((RANDOM % 40 + 8)) >"$f"
	done
	git add -A && git commit -q -m "base $seed"
	git checkout -q -b feature
	for ((n = 0; n < RANDOM % 4 + 1; n++)); do
		for ((i = 0; i < RANDOM % 6 + 1; i++)); do
			mapfile -t present < <(git ls-files)
			[ "${#present[@]}" -gt 2 ] || break
			f=${present[RANDOM % ${#present[@]}]}
			[ -L "$f" ] && continue
			op=$((RANDOM % 10))
			case $op in
			0) git rm -q -- "$f" ;;
			1) g="moved/$RANDOM/$(basename "$f")"; mkdir -p "$(dirname "$g")"; git mv -- "$f" "$g" ;;
			2) g="${f%.*}_renamed.${f##*.}"; git mv -- "$f" "$g"; echo "edit $RANDOM" >>"$g" ;;
			3) g="copies/$RANDOM-$(basename "$f")"; mkdir -p copies; cp -- "$f" "$g"; echo "changed $RANDOM" >>"$f" ;;
			4) chmod +x -- "$f" ;;
			5) printf 'bin\000ary %s\n' "$RANDOM" >"new/bin$RANDOM.dat" 2>/dev/null ||
				{ mkdir -p new; printf 'bin\000ary\n' >"new/bin$RANDOM.dat"; } ;;
			6) lines "rewrite-$RANDOM" $((RANDOM % 30 + 1)) >"$f" ;;
			7) rm -f -- "$f"; ln -s "target-$RANDOM" "$f" ;;
			8) sed -i "$((RANDOM % 5 + 1))d" -- "$f"; echo "tail $RANDOM" >>"$f" ;;
			*) mkdir -p added; lines "fresh-$RANDOM" $((RANDOM % 20 + 1)) >"added/f$RANDOM.txt" ;;
			esac
		done
		git add -A && git commit -q --allow-empty -m "feature step $n"
	done
	# Move main on, so that the merge base is not main itself.
	git checkout -q main
	echo "main moves $seed" >>README.md
	git commit -q -am "main moves"
	if [ $((RANDOM % 3)) -eq 0 ]; then
		git checkout -q feature
		git merge -q --no-edit -m "merge main" main >/dev/null 2>&1 || git merge --abort
	fi
	git checkout -q main
}

git_view() { # merge-base head
	git -c core.quotepath=false diff --numstat -z -M -C "$1" "$2" | tr '\0' '\n' |
		awk -F'\t' 'pending == 2 { old = $0; pending = 1; next }
			pending == 1 { print add "\t" del "\t" old "\t" $0; pending = 0; next }
			$3 == "" { add = $1; del = $2; pending = 2; next }
			{ print $1 "\t" $2 "\t\t" $3 }' | sed 's/^-\t-\t/0\t0\t/' >num.txt
	git -c core.quotepath=false diff --name-status -z -M -C "$1" "$2" | tr '\0' '\n' |
		awk '/^[RC][0-9]+$/ { s = substr($0, 1, 1); getline o; getline n; print s "\t" o "\t" n; next }
			{ s = $0; getline p; print s "\t\t" p }' >ns.txt
	paste ns.txt num.txt | awk -F'\t' '{ print $1 "\t" $4 "\t" $5 "\t" $2 "\t" $3 }' | sort
}

riskgate_view() { # json
	jq -r '.files[] | [({"added":"A","modified":"M","deleted":"D","renamed":"R","copied":"C","typechange":"T"}[.status]),
		(.additions|tostring), (.deletions|tostring), (.old_path // ""), .path] | @tsv' "$1" | sort
}

for ((h = 1; h <= HISTORIES; h++)); do
	seed=$((h * 7919))
	dir="$T_ROOT/h$h"
	(generate "$seed" "$dir") >/dev/null 2>&1 || { fail "history $seed: generation failed"; continue; }
	cd "$dir" || exit 1
	mb=$(git merge-base main feature)
	"$RISKGATE" check --base main --head feature --policy "$POLICY" --format json >out.json 2>err.txt
	code=$?
	if [ "$(git rev-parse feature)" = "$mb" ] || [ -z "$(git rev-list feature ^main)" ]; then
		check "history $seed: empty range is exit 3" [ "$code" -eq 3 ]
		cd "$T_ROOT" && continue
	fi
	if [ "$code" -gt 1 ]; then
		fail "history $seed: exit $code: $(cat err.txt)"
		cd "$T_ROOT" && continue
	fi
	git_view "$mb" feature >git.txt
	riskgate_view out.json >rg.txt
	if cmp -s git.txt rg.txt; then pass; else
		fail "history $seed: files differ from git (< git, > riskgate)"
		diff git.txt rg.txt | head -n 20 >&2
	fi
	git rev-list feature ^main | sort >git-commits.txt
	jq -r '.commits[].sha' out.json | sort >rg-commits.txt
	if cmp -s git-commits.txt rg-commits.txt; then pass; else fail "history $seed: commits differ from git rev-list"; fi
	check "history $seed: merge base" [ "$(jq -r .range.merge_base out.json)" = "$mb" ]
	cd "$T_ROOT" || exit 1
done

# Changes beyond the 24 MiB the repository keeps of a change's blobs: all
# of them kept (8 files, 14 MiB in all), only the new sides (20 files:
# 35 MiB in all, 17 of new sides), none (30 files, 26 MiB of new sides).
# Whichever way a blob is had, kept or read again, on one thread or two,
# every file's line counts are git's and every marked line of every file is
# found by the content rule.
BUDGET=$((24 << 20))
RULES_POLICY="$T_ROOT/rules-policy.json"
cat >"$RULES_POLICY" <<'EOF'
{"version": 1, "default_tier": "all",
 "rules": [{"id": "x.mark", "message": "marked line", "severity": "error",
            "files": ["\\.txt$"], "trigger": "FORBIDDEN_MARK"}],
 "tiers": [{"name": "all", "paths": [], "require": {"rules": ["x.mark"]}}]}
EOF
for nfiles in 8 20 30; do
	dir="$T_ROOT/budget$nfiles"
	git init -q -b main "$dir" && cd "$dir" || exit 1
	for ((i = 0; i < nfiles; i++)); do
		awk -v i=$i 'BEGIN { for (j = 1; j <= 18000; j++)
			printf "file %d base line %d of the budget test %08d\n", i, j, (j * 7919 + i) % 100000 }' >"f$i.txt"
	done
	git add -A && git commit -q -m base
	git checkout -q -b feature
	for ((i = 0; i < nfiles; i++)); do
		awk -v i=$i 'NR == 9000 { print "FORBIDDEN_MARK mid " i; next }
			NR % 97 == 0 { print $0 " changed"; next } { print }
			END { print "FORBIDDEN_MARK end " i }' "f$i.txt" >tmp && mv tmp "f$i.txt"
	done
	git commit -q -am feature
	old=0 new=0
	for ((i = 0; i < nfiles; i++)); do
		old=$((old + $(git cat-file -s "main:f$i.txt")))
		new=$((new + $(git cat-file -s "feature:f$i.txt")))
	done
	case $nfiles in
	8) check "budget, $nfiles files: all blobs fit" [ $((old + new)) -le $BUDGET ] ;;
	20) check "budget, $nfiles files: only the new sides fit" \
		[ $((old + new > BUDGET && new <= BUDGET)) -eq 1 ] ;;
	30) check "budget, $nfiles files: not even the new sides fit" [ $new -gt $BUDGET ] ;;
	esac
	git_view main feature >git.txt
	for ((i = 0; i < nfiles; i++)); do echo "f$i.txt 9000"; echo "f$i.txt 18001"; done | sort >want.txt
	for threads in 1 2; do
		RISKGATE_THREADS=$threads "$RISKGATE" check --base main --head feature \
			--policy "$RULES_POLICY" --format json >"out$threads.json" 2>err.txt
		check "budget, $nfiles files, $threads thread(s): the rule fails the change (exit 1)" [ $? -eq 1 ]
		riskgate_view "out$threads.json" >rg.txt
		if cmp -s git.txt rg.txt; then pass; else
			fail "budget, $nfiles files, $threads thread(s): files differ from git (< git, > riskgate)"
			diff git.txt rg.txt | head -n 20 >&2
		fi
		jq -r '.violations[] | select(.rule == "x.mark") | "\(.path) \(.line)"' "out$threads.json" |
			sort >got.txt
		check "budget, $nfiles files, $threads thread(s): every marked line is found, and only those" \
			cmp -s want.txt got.txt
	done
	cd "$T_ROOT" || exit 1
done

finish oracle
