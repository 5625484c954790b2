. "$CASE/../_hook_attack_lib.sh"
# The policy lets alice override, as the server's GL_USERNAME names her; a
# pusher who sets REMOTE_USER=alice on their own push is not alice.
sed 's/"protected_refs"/"overrides": {"users": ["alice"], "identity_env": "GL_USERNAME"}, "protected_refs"/' \
	policy.json >p2.json && mv p2.json policy.json
setup_server
git -C srv.git config receive.advertisePushOptions true
echo x >>w/README && git -C w commit -q -am "unsigned"
REMOTE_USER=alice git -C w push -o "riskgate.override=trust me" origin main
