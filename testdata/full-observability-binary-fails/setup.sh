. "$CASE/../_full_lib.sh"
printf 'bin\000ary' > src/auth/blob.py
git add -A && git commit -q -m 'Change login' -m 'AI-Assisted: no
Signed-off-by: Test Author <author@example.com>'
approve sam:APPROVED
teams
