. "$CASE/../_approval_lib.sh"
# The attempt: change the auth code along with the docs and get only the docs
# owner's approval. Read with GitHub's rules the headings are invalid lines
# and the last matching line, "/src/ @dora", would hand the auth code to
# @dora; under GitLab's each section owns its files, and [Security] has not
# approved.
printf '[Security] @sam\n/src/auth/ @sam\n\n[Docs] @dora\n/src/ @dora\n' > .github/CODEOWNERS
git add -A && git commit -q -m "GitLab owners" && git branch -f main HEAD
printf 'def check(token):\n    return True\n' > src/auth/session.py
printf '# Session\nTokens are checked.\n' > src/auth/README.md
commit "Accept every token; document sessions"
reviews "$(review dora APPROVED 2026-01-02T10:00:00Z MEMBER)"
