. "$CASE/../_full_lib.sh"
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && git commit -q -m 'Change login' -m 'Co-authored-by: Copilot <Copilot@users.noreply.github.com>'
