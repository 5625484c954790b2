# One push sends an unsigned commit to a side branch (judged first), where nothing is
# required, and to main, where a condition on the target branch asks for a
# sign-off: what was judged for the branch must not stand for main.
. "$CASE/../_hook_attack_lib.sh"
cat >policy.json <<'JSON'
{"version": 1, "default_tier": "normal",
 "tiers": [{"name": "normal",
            "require_when": [{"when": {"target_branch": "^main$"},
                              "require": {"provenance": {"require_signoff": true}}}]}]}
JSON
setup_server
git -C w push -q origin main:refs/heads/a-side 2>/dev/null || exit 98
echo evil >>"$W/w/README"
git -C "$W/w" commit -q -am "unsigned"
git -C w push origin HEAD:refs/heads/a-side HEAD:refs/heads/main
