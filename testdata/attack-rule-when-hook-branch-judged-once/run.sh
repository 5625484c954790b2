# One push sends a commit to a side branch (judged first), where no approval
# rule applies, and to main, where a rule's condition on the target branch
# asks for a maintainer's approval that a push cannot show: what was judged
# for the side branch must not stand for main.
. "$CASE/../_hook_attack_lib.sh"
cat >policy.json <<'JSON'
{"version": 1, "default_tier": "normal",
 "tiers": [{"name": "normal",
            "require": {"approval_rules": [{"name": "maintainer", "from": ["alice"],
                                            "when": {"target_branch": "^main$"}}]}}]}
JSON
setup_server
git -C w push -q origin main:refs/heads/a-side 2>/dev/null || exit 98
echo evil >>"$W/w/README"
git -C "$W/w" commit -q -am "unreviewed"
git -C w push origin HEAD:refs/heads/a-side HEAD:refs/heads/main
