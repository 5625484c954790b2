. "$CASE/../_lib.sh"
mkfile lib/a.c "int a;"
commit initial
git checkout -q -b feature
mkfile lib/a.c "int a = 1;"
git add -A && GIT_AUTHOR_NAME='copilot-swe-agent[bot]' GIT_AUTHOR_EMAIL='198982749+Copilot@users.noreply.github.com' git commit -q -m 'Change a' -m 'Co-authored-by: Dana Human <dana@example.com>
Reviewed-by: Max Maintainer <maintainer@example.com>
Signed-off-by: Dana Human <dana@example.com>'
