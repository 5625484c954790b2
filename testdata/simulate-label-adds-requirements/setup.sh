. "$CASE/../_cond_lib.sh"
