. "$CASE/../_hook_attack_lib.sh"
setup_server 
echo x >>w/README && git -C w commit -q -am "unsigned"
git -C w push origin main
