. "$CASE/../_hook_attack_lib.sh"
setup_server 
cp weak.json w/.riskgate.json && git -C w commit -q -s -am "relax"
echo x >>w/README && git -C w commit -q -am "unsigned, under the relaxed policy"
git -C w push origin main
