. "$CASE/../_hook_attack_lib.sh"
# overrides.users without identity_env: no variable is the server's word
# for who pushes, so no override at all, whatever the pusher sets.
sed 's/"protected_refs"/"overrides": {"users": ["alice"]}, "protected_refs"/' \
	policy.json >p2.json && mv p2.json policy.json
setup_server
git -C srv.git config receive.advertisePushOptions true
echo x >>w/README && git -C w commit -q -am "unsigned"
REMOTE_USER=alice GL_USERNAME=alice GITHUB_USER_LOGIN=alice \
	git -C w push -o "riskgate.override=trust me" origin main
