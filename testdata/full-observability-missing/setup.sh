. "$CASE/../_full_lib.sh"
printf 'package auth\n\nfunc Check(u string) bool {\n\treturn u != ""\n}\n' > src/auth/check.go
git add -A && git commit -q -m 'Change login' -m 'AI-Assisted: no
Signed-off-by: Test Author <author@example.com>'
approve sam:APPROVED
teams
