. "$CASE/../_lib.sh"
git commit -q --allow-empty -m "empty root"
