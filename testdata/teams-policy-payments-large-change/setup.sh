# A payments change of more than 400 lines, approved by one of payments and
# one of security: the "large change" rule applies and needs two maintainers.
. "$CASE/../_teams_policy_lib.sh"
payments_change
i=0
while [ $i -lt 450 ]; do printf 'FEE_%d = %d\n' $i $i; i=$((i + 1)); done > services/payments/app/fees.py
commit "Fee table"
reviews "$(review pat APPROVED 2026-01-02T10:00:00Z)" "$(review sam APPROVED 2026-01-02T10:05:00Z)"
