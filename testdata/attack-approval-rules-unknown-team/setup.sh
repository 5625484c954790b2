. "$CASE/../_approval_lib.sh"
mkdir -p ghosts && printf 'x\n' > ghosts/x.txt
commit "A ghost"
reviews "$(review sam APPROVED 2026-01-02T10:00:00Z MEMBER)"
