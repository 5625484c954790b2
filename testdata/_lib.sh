# Helpers for the setup.sh of data-driven cases (sourced; cwd is the case's
# fresh directory). `repo` is created with one commit on main.
set -eu
git init -q repo
cd repo
commit() { git add -A && git commit -q -m "$1"; }
mkfile() { mkdir -p "$(dirname "$1")"; printf '%s\n' "$2" > "$1"; }
approve() { # ../approvals.json in which each LOGIN approved HEAD
	sha=$(git rev-parse HEAD)
	{
		printf '['
		sep=""
		for login in "$@"; do
			printf '%s{"id": 1, "user": {"login": "%s", "type": "User"}, "state": "APPROVED", "commit_id": "%s", "submitted_at": "2026-01-02T00:00:00Z", "author_association": "MEMBER"}' "$sep" "$login" "$sha"
			sep=","
		done
		printf ']\n'
	} > ../approvals.json
}
