. "$CASE/../_hook_attack_lib.sh"
setup_server 
git -C w push -q origin main:refs/heads/release 2>/dev/null
git -C w checkout -q -b release main
echo r >>w/README && git -C w commit -q -s -am "release work"
git -C w push -q origin release 2>/dev/null
git -C w checkout -q main
EVIL=$(weak_bad)
git -C w push -q origin "$EVIL:refs/heads/a-weak" 2>/dev/null || exit 97
git -C w push origin "+$EVIL:refs/heads/release"
