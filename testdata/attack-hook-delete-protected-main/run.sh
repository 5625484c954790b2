. "$CASE/../_hook_attack_lib.sh"
setup_server 
git -C w push origin :refs/heads/main
