# The reader takes 10 bytes of a report of several MB and goes away:
# riskgate must see EPIPE (not die of SIGPIPE), say so, and exit 3. The
# pipeline's status is the reader's, so riskgate's own is passed through rc.
{ "$RISKGATE" check --repo repo --base main --head feature \
	--policy "$CASE/../_policies/basic.json" --format json; echo $? > rc; } | head -c 10 > /dev/null
exit "$(cat rc)"
