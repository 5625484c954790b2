. "$CASE/../_sign_hook_lib.sh"
# One commit signed by Alice, then one by Mallory's key in Alice's name, then
# one unsigned on top: the push is refused for the last two.
echo a >>w/README && signed alice commit -q -S -am "signed"
echo b >>w/README && signed mallory commit -q -S -am "signed by another key"
echo c >>w/README && git -C w commit -q -am "unsigned"
git -C w push origin main
