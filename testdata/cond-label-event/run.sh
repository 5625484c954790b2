. "$CASE/../_cond_event.sh"
