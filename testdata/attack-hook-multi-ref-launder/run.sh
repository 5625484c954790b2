. "$CASE/../_hook_attack_lib.sh"
setup_server 
EVIL=$(weak_bad)
git -C w push origin "$EVIL:refs/heads/a-weak" "$EVIL:refs/heads/main"
