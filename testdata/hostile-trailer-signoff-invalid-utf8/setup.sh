. "$CASE/../_full_lib.sh"
. "$CASE/../_hostile_lib.sh"
printf 'import logging\nlogger = logging.getLogger(__name__)\n\ndef login(user):\n    logger.info("login %%s", user)\n    check(user)\n    return True\n' > src/auth/login.py
git add -A && git commit -q -m 'Change login' -m "$(printf 'AI-Assisted: no\nSigned-off-by: Test Author <author\377@example.com>')"
