. "$CASE/../_hook_attack_lib.sh"
setup_server 
EVIL=$(weak_bad)
git -C w push -q origin "$EVIL:refs/heads/a-weak" 2>/dev/null || exit 97
git -C w push origin "$EVIL:refs/heads/zz-release"
