# A repository for the teams-policy-* cases, checked with the shipped
# example policies/teams.json and the teams file _teams-example.json: on
# main, a payments service and a web service with its auth module; then a
# `feature` branch. `review`/`reviews` as in _approval_lib.sh.
. "$CASE/../_lib.sh"
mkdir -p services/payments/app services/payments/tests services/web/app services/web/auth
printf 'def charge(cents):\n    return cents\n' > services/payments/app/charge.py
printf 'def test_charge():\n    assert True\n' > services/payments/tests/test_charge.py
printf 'def view():\n    return 1\n' > services/web/app/views.py
printf 'def check(token):\n    return token is not None\n' > services/web/auth/session.py
commit "initial"
git checkout -q -b feature
REVIEW_ID=200
review() {
	REVIEW_ID=$((REVIEW_ID + 1))
	printf '{"id": %d, "user": {"login": "%s", "id": %d, "type": "User"}, "body": "", "state": "%s", "author_association": "MEMBER", "submitted_at": "%s", "commit_id": "%s"}' \
		"$REVIEW_ID" "$1" "$REVIEW_ID" "$2" "$3" "${4:-$(git rev-parse HEAD)}"
}
reviews() {
	{
		printf '['
		sep=""
		for r in "$@"; do printf '%s%s' "$sep" "$r"; sep=","; done
		printf ']\n'
	} > ../reviews.json
}
# A change to the payments service with its test.
payments_change() {
	printf 'def charge(cents):\n    if cents < 0:\n        raise ValueError(cents)\n    return cents\n' > services/payments/app/charge.py
	printf 'def test_charge():\n    assert True\n\ndef test_negative():\n    assert True\n' > services/payments/tests/test_charge.py
	commit "Refuse negative charges"
}
