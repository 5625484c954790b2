. "$CASE/../_sign_hook_lib.sh"
echo a >>w/README && signed alice commit -q -S -am "signed"
echo b >>w/README && signed alice commit -q -S -am "signed again"
git -C w push origin main
