. "$CASE/../_approval_lib.sh"
own_auth @erin
printf 'def check(token):\n    return True\n' > src/auth/session.py
git add -A && GIT_COMMITTER_NAME='Erin' GIT_COMMITTER_EMAIL='erin@acme.example' git commit -q -m "Accept every token"
printf 'def helper():\n    return 2\n' > src/util/helper.py
commit "Tidy the helper"
reviews "$(review erin APPROVED 2026-01-02T10:00:00Z OWNER)"
