. "$CASE/../_approval_lib.sh"
# sam commits under an address that names nobody, then approves with the
# account GitHub linked that address to: only the forge's resolution of
# the commit's author (pulls/N/commits, author.login) tells.
printf 'def check(token):\n    return True\n' > src/auth/session.py
git add -A && GIT_AUTHOR_NAME='S. O.' GIT_AUTHOR_EMAIL='x9@personal.example' git commit -q -m "Accept every token"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z OWNER)"
# What the Action writes from GET /repos/O/R/pulls/N/commits: each
# commit's author.login and committer.login (null when unlinked).
printf '["sam", null, "web-flow"]\n' > ../contributors.json
