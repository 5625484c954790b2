. "$CASE/../_lib.sh"
mkfile lib/a.c "int a;"
commit initial
git checkout -q -b feature
mkfile lib/a.c "int a = 1;"
git add -A && GIT_AUTHOR_NAME=Claude GIT_AUTHOR_EMAIL=noreply@anthropic.com GIT_COMMITTER_NAME=Claude GIT_COMMITTER_EMAIL=noreply@anthropic.com git commit -q -m 'Change a' -m 'Reviewed-by: Max Maintainer <maintainer@example.com>
Signed-off-by: Claude <noreply@anthropic.com>'
