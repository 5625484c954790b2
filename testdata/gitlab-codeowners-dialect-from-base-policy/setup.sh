. "$CASE/../_approval_lib.sh"
# The policy on the base branch names GitLab's dialect, so check reads the
# base's CODEOWNERS with sections: [Security][2] needs two of its owners.
cp "$CASE/../_policies/gitlab-codeowners.json" .riskgate.json
printf '[Security][2] @sam @sue\n/src/auth/\n' > .github/CODEOWNERS
git add -A && git commit -q -m "GitLab owners and policy" && git branch -f main HEAD
printf 'def check(token):\n    return bool(token)\n' > src/auth/session.py
commit "Tighten the token check"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
