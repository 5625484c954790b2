. "$CASE/../_cond_lib.sh"
event ../event.json develop '"Harden token checks"' '[]'
