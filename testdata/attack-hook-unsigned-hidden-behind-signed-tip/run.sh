. "$CASE/../_hook_attack_lib.sh"
setup_server 
echo x >>w/README && git -C w commit -q -am "unsigned"
echo y >>w/README && git -C w commit -q -s -am "signed on top"
git -C w push origin main
