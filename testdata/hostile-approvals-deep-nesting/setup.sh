. "$CASE/../_full_lib.sh"
. "$CASE/../_hostile_lib.sh"
printf 'import logging\nlogger = logging.getLogger(__name__)\n\ndef login(user):\n    logger.info("login %%s", user)\n    check(user)\n    return True\n' > src/auth/login.py
git add -A && git commit -q -m 'Change login' -m 'AI-Assisted: no
Signed-off-by: Test Author <author@example.com>'
{ repeat 100000 "["; repeat 100000 "]"; echo; } > ../approvals.json
