. "$CASE/../_hook_attack_lib.sh"
# A mistyped override option is an error the pusher sees, never ignored.
setup_server
git -C srv.git config receive.advertisePushOptions true
echo ok >>w/README && git -C w commit -q -s -am "signed, would pass"
git -C w push -o "riskgate.overrid=oops" origin main
