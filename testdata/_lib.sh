# Helpers for the setup.sh of data-driven cases (sourced; cwd is the case's
# fresh directory). `repo` is created with one commit on main.
set -eu
git init -q repo
cd repo
commit() { git add -A && git commit -q -m "$1"; }
mkfile() { mkdir -p "$(dirname "$1")"; printf '%s\n' "$2" > "$1"; }
