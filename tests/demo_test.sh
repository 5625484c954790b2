#!/bin/sh
# The demonstration `make run` shows on a fresh machine: the risky change
# fails for each of its reasons, the fixed one passes. tools/demo.sh exits
# non-zero when either answer is not the one it promises.
. "$(dirname "$0")/lib.sh"
DEMO_SH="$(cd "$(dirname "$0")/.." && pwd)/tools/demo.sh"
cd "$T_ROOT" || exit 1

sh "$DEMO_SH" "$RISKGATE" >out 2>&1
rc=$?
if [ "$rc" = 0 ]; then pass; else fail "demo: exit $rc"; tail -n 30 out >&2; fi
check "demo: the first change fails" grep -q "riskgate exited with 1, then 0" out
check "demo: the fixed change's verdict is recorded" grep -Eq "^[0-9a-f]{12} feature-fixed: pass, evaluated " out
check "demo: the first change has no verdict" grep -Eq "^[0-9a-f]{12} feature: none" out
for why in "no Signed-off-by" "approvals" "tests" "observability" \
	"walkthrough/runs-twice: \"What happens if this runs twice?\" is not answered" \
	"dependencies/lookalike: reqeusts looks like requests, a widely used pypi package" \
	"dependencies/unlocked: reqeusts \">=2.0\" is not pinned with =="; do
	check "demo: the first change names $why" grep -q "$why" out
done
check "demo: the fixed change's dependency passes" \
	grep -Eq "high +dependencies +PASS +1 manifest\(s\): 1 dependency added" out
check "demo: the fixed change answers the failure-mode questions" \
	grep -Eq "critical +walkthrough +PASS +4 of 4 failure-mode questions answered" out
finish demo
