. "$CASE/../_approval_lib.sh"
# GitLab: "!pattern" takes the paths it matches out of its section; the
# generated file needs no approval from [Python], only from [Security].
printf '[Security] @sam\n/src/auth/\n\n[Python] @dora\n*.py\n!/src/auth/generated_*.py\n' > .github/CODEOWNERS
git add -A && git commit -q -m "GitLab owners" && git branch -f main HEAD
printf 'TOKENS = []\n' > src/auth/generated_tokens.py
commit "Regenerate the token table"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
