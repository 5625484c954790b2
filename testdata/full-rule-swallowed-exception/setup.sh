. "$CASE/../_full_lib.sh"
printf 'import logging\nlogger = logging.getLogger(__name__)\n\ndef login(user):\n    logger.info("login")\n    try:\n        check(user)\n    except Exception: pass\n    return True\n' > src/auth/login.py
git add -A && git commit -q -m 'Change login' -m 'AI-Assisted: no
Signed-off-by: Test Author <author@example.com>'
approve sam:APPROVED
teams
