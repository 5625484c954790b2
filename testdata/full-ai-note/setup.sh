. "$CASE/../_full_lib.sh"
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && git commit -q -m 'Charge' && git notes --ref=ai add -m '{"agent": "claude"}' HEAD
