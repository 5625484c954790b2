. "$CASE/../_full_lib.sh"
# The default policy's human marker: any value that starts with "no".
sed 's/"(?i)^no\$"/"(?i)^\\\\s*(?:no|none|false)\\\\b"/' "$CASE/../_policies/full.json" > ../policy.json
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && git commit -q -m 'Change billing' -m 'AI-Assisted: false (drafted with gpt-4o)'
