# A small change on `feature`, and the same with 600 more lines of the
# critical tier on `large`.
. "$CASE/../_rule_when_lib.sh"
printf 'def check(token):\n    return token == "s3cret"\n' > src/auth/session.py
commit "Compare the token"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
mv ../reviews.json ../reviews-small.json
git checkout -q -b large
i=0
while [ $i -lt 600 ]; do printf 'TOKEN_%d = %d\n' $i $i; i=$((i + 1)); done > src/auth/tokens.py
commit "Six hundred tokens"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
