. "$CASE/../_approval_lib.sh"
own_auth @eve
printf 'def check(token):\n    return True\n' > src/auth/session.py
git add -A && GIT_AUTHOR_NAME='Eve Example' GIT_AUTHOR_EMAIL='4242+eve@users.noreply.github.com' git commit -q -m "Accept every token"
reviews "$(review eve APPROVED 2026-01-02T10:00:00Z MEMBER)"
