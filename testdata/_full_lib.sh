# A repository under the `full` policy: an auth package with its tests and a
# CODEOWNERS file on main, then a `feature` branch. Helpers write approvals.
. "$CASE/../_lib.sh"
mkdir -p .github src/auth tests/auth src/billing
printf '* @acme/docs\n/src/auth/ @acme/security carol@example.com\n' > .github/CODEOWNERS
printf 'import logging\nlogger = logging.getLogger(__name__)\n\ndef login(user):\n    logger.info("login %%s", user)\n    return True\n' > src/auth/login.py
printf 'def test_login():\n    assert True\n' > tests/auth/test_login.py
printf 'package billing\n' > src/billing/charge.go
echo '# demo' > README.md
commit "initial"
git checkout -q -b feature
HEAD_SHA=""
approve() { # approvals.json from "login:STATE" arguments, on the current HEAD
	sha=$(git rev-parse HEAD)
	{
		printf '['
		sep=""
		for a in "$@"; do
			login=${a%%:*}
			state=${a#*:}
			printf '%s{"id": 1, "user": {"login": "%s", "type": "User"}, "state": "%s", "commit_id": "%s", "submitted_at": "2026-01-02T00:00:00Z", "author_association": "MEMBER"}' "$sep" "$login" "$state" "$sha"
			sep=","
		done
		printf ']\n'
	} > ../approvals.json
}
teams() { printf '{"acme/security": ["sam", "sue"], "acme/docs": ["dora"]}\n' > ../teams.json; }
