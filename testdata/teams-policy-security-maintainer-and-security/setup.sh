. "$CASE/../_teams_policy_lib.sh"
printf 'def check(token):\n    return token is not None and len(token) > 8\n' > services/web/auth/session.py
mkdir -p services/web/tests && printf 'def test_check():\n    assert True\n' > services/web/tests/test_session.py
commit "Reject short tokens"
reviews "$(review sue APPROVED 2026-01-02T10:00:00Z)" "$(review bob APPROVED 2026-01-02T10:05:00Z)"
