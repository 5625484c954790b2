# A repository for the cond-* and attack-cond-* cases (policy
# _policies/conditions.json): the approval repository of _approval_lib.sh,
# with one change to src/auth/session.py on `feature` approved by its code
# owner sam only.
. "$CASE/../_approval_lib.sh"
printf 'def check(token):\n    return token is not None and len(token) > 8\n' > src/auth/session.py
git add -A && git commit -q -m "Reject short tokens"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
cp "$CASE/../_policies/conditions.json" ../policy.json
# event FILE BASE_REF TITLE LABELS_JSON: a pull_request "opened" payload in
# GitHub's shape, for a pull request from `feature` to BASE_REF (TITLE and
# LABELS_JSON are JSON text).
event() {
	printf '{"action": "opened", "number": 12, "pull_request": {"url": "https://api.github.com/repos/acme/app/pulls/12", "id": 1712, "node_id": "PR_kwDOA0000012", "html_url": "https://github.com/acme/app/pull/12", "number": 12, "state": "open", "locked": false, "title": %s, "user": {"login": "mallory", "id": 77, "type": "User", "site_admin": false}, "body": null, "labels": %s, "draft": false, "head": {"label": "acme:feature", "ref": "feature", "sha": "%s", "user": {"login": "acme", "id": 1, "type": "Organization"}, "repo": {"id": 5, "name": "app", "full_name": "acme/app", "default_branch": "main"}}, "base": {"label": "acme:%s", "ref": "%s", "sha": "%s", "user": {"login": "acme", "id": 1, "type": "Organization"}, "repo": {"id": 5, "name": "app", "full_name": "acme/app", "default_branch": "main"}}, "author_association": "CONTRIBUTOR"}, "repository": {"id": 5, "name": "app", "full_name": "acme/app", "default_branch": "main"}, "sender": {"login": "mallory", "id": 77, "type": "User"}}\n' \
		"$3" "$4" "$(git rev-parse feature)" "$2" "$2" "$(git rev-parse main)" > "$1"
}
# label NAME: one label object as the payload lists it.
label() {
	printf '{"id": 4100, "node_id": "LA_kwDOA0004100", "url": "https://api.github.com/repos/acme/app/labels/%s", "name": "%s", "color": "d73a4a", "default": false, "description": null}' "$1" "$1"
}
