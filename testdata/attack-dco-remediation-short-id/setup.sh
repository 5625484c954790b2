. "$CASE/../_dco/lib.sh"
# The statement names A by an abbreviated id: only the full id counts.
short=$(git rev-parse --short=12 "$A")
remedy "Alice Example" alice@example.com "Add b

I, Alice Example <alice@example.com>, hereby add my Signed-off-by to this commit: $short

Signed-off-by: Alice Example <alice@example.com>"
