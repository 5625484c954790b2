# The target release branch spelled as a full ref: the payments rule must
# still apply, so security's approval alone does not pass.
. "$CASE/../_rule_when_run.sh"
rw_check full.json --no-labels --target-branch refs/heads/release/1.0
rc=$?
[ "$rc" = 1 ] || { echo "refs/heads/release/1.0: exit $rc, expected 1"; exit 97; }
rw_check out.json --no-labels --target-branch=refs/heads/release/1.0
