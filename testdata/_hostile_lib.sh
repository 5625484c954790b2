# Helpers for the hostile-* cases (sourced by their setup.sh after _lib.sh;
# cwd is the repository, on main with one commit).

# base_repo: the small tree of the basic policy's cases, committed on main,
# then a `feature` branch checked out.
base_repo() {
	mkfile src/auth/login.c 'int login(void) { return 0; }'
	mkfile src/util/str.c 'int str(void) { return 0; }'
	mkfile tests/auth/test_login.c 'int main(void) { return 0; }'
	mkfile README.md '# demo'
	commit "initial"
	git checkout -q -b feature
}

# import_paths BRANCH MESSAGE: reads paths on stdin (one per line, no
# newlines inside) and commits them all, with the content "x", on BRANCH on
# top of main, through git fast-import: no file is written to the work tree,
# so names longer than the file system allows and 100,000 files are cheap.
import_paths() {
	{
		printf 'blob\nmark :1\ndata 2\nx\n\n'
		printf 'commit refs/heads/%s\n' "$1"
		printf 'committer Test Committer <committer@example.com> 1767225600 +0000\n'
		printf 'data %d\n%s\n' "$(printf '%s' "$2" | wc -c)" "$2"
		printf 'from refs/heads/main\n'
		sed 's/^/M 100644 :1 /'
		printf '\n'
	} | git fast-import --quiet
}

# repeat N STRING: STRING N times, no newline.
repeat() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
