. "$CASE/../_full_lib.sh"
printf 'package billing\n\nfunc Charge() {}\n' > src/billing/charge.go
git add -A && GIT_AUTHOR_NAME='dependabot[bot]' GIT_AUTHOR_EMAIL='49699333+dependabot[bot]@users.noreply.github.com' git commit -q -m 'Bump'
