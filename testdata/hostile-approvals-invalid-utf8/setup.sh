. "$CASE/../_full_lib.sh"
. "$CASE/../_hostile_lib.sh"
printf 'import logging\nlogger = logging.getLogger(__name__)\n\ndef login(user):\n    logger.info("login %%s", user)\n    check(user)\n    return True\n' > src/auth/login.py
git add -A && git commit -q -m 'Change login' -m 'AI-Assisted: no
Signed-off-by: Test Author <author@example.com>'
printf '[{"user": {"login": "al\377ice"}, "state": "APPROVED", "commit_id": "%s", "submitted_at": "2026-01-02T00:00:00Z"}]\n' "$(git rev-parse HEAD)" > ../approvals.json
