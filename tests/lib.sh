# Shared helpers for the shell test suites: counters, assertions, and a
# sandboxed git environment so fixtures never read the user's configuration.
# A suite sources this file, runs its tests, and ends with `finish NAME`.

: "${RISKGATE:?RISKGATE must point at the riskgate binary}"
T_PASSED=0
T_FAILED=0
T_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/riskgate-test.XXXXXX")
[ -n "${KEEP_TEST_DIR:-}" ] || trap 'rm -rf "$T_ROOT"' EXIT

export HOME="$T_ROOT/home"
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL="$HOME/.gitconfig"
export GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.com"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.com"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
git config --global init.defaultBranch main
git config --global protocol.file.allow always
unset GIT_DIR GIT_WORK_TREE NO_COLOR

pass() {
	T_PASSED=$((T_PASSED + 1))
}

fail() {
	T_FAILED=$((T_FAILED + 1))
	printf 'FAIL %s\n' "$*" >&2
}

# check NAME COMMAND...: passes when COMMAND succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass; else fail "$name"; fi
}

# new_repo DIR: an empty repository with one commit on main.
new_repo() {
	git init -q "$1"
	git -C "$1" commit -q --allow-empty -m "root"
}

finish() {
	printf '%s: %d passed, %d failed\n' "$1" "$T_PASSED" "$T_FAILED"
	[ "$T_FAILED" -eq 0 ]
}
