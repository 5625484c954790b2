# A repository for the attack-approval-* cases (policy _policies/approval.json):
# on main, src/auth/session.py owned by @sam and @sue, everything else by
# @dora; then a `feature` branch. `review` and `reviews` write the pull
# request's reviews in the exact shape GET /repos/O/R/pulls/N/reviews returns.
. "$CASE/../_lib.sh"
mkdir -p .github src/auth src/util
printf '* @dora\n/src/auth/ @sam @sue\n' > .github/CODEOWNERS
printf 'def check(token):\n    return token is not None\n' > src/auth/session.py
printf 'def helper():\n    return 1\n' > src/util/helper.py
commit "initial"
git checkout -q -b feature
REVIEW_ID=80
# review LOGIN STATE SUBMITTED_AT [ASSOCIATION] [COMMIT]: one review object
# (COMMIT defaults to the current HEAD; ASSOCIATION to MEMBER).
review() {
	REVIEW_ID=$((REVIEW_ID + 1))
	printf '{"id": %d, "node_id": "PRR_kwDOA%06d", "user": {"login": "%s", "id": %d, "node_id": "U_kgDO%s", "avatar_url": "https://avatars.githubusercontent.com/u/%d?v=4", "gravatar_id": "", "url": "https://api.github.com/users/%s", "html_url": "https://github.com/%s", "type": "User", "user_view_type": "public", "site_admin": false}, "body": "", "state": "%s", "html_url": "https://github.com/acme/app/pull/12#pullrequestreview-%d", "pull_request_url": "https://api.github.com/repos/acme/app/pulls/12", "author_association": "%s", "_links": {"html": {"href": "https://github.com/acme/app/pull/12#pullrequestreview-%d"}, "pull_request": {"href": "https://api.github.com/repos/acme/app/pulls/12"}}, "submitted_at": "%s", "commit_id": "%s"}' \
		"$REVIEW_ID" "$REVIEW_ID" "$1" "$REVIEW_ID" "$1" "$REVIEW_ID" "$1" "$1" "$2" \
		"$REVIEW_ID" "${4:-MEMBER}" "$REVIEW_ID" "$3" "${5:-$(git rev-parse HEAD)}"
}
# reviews OBJECT...: ../reviews.json, an array of the given review objects.
reviews() {
	{
		printf '[\n'
		sep=""
		for r in "$@"; do
			printf '%s  %s' "$sep" "$r"
			sep=",
"
		done
		printf '\n]\n'
	} > ../reviews.json
}
# own_auth OWNER...: src/auth/ is owned by OWNER... on main (and feature).
own_auth() {
	printf '* @dora\n/src/auth/ %s\n' "$*" > .github/CODEOWNERS
	git add -A && git commit -q -m "Owners of auth: $*" && git branch -f main HEAD
}
