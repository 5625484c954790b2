. "$CASE/../_lib.sh"
mkfile README.md 'x'
commit initial
git checkout -q -b feature
# The trigger's literal ("token=") is on the line, so PCRE2 is asked and
# hits its match limit: the gate fails closed. A line without the literal
# cannot match at all and is not asked (docs/policy.md, "Pattern limits").
line=$(awk 'BEGIN { printf "token="; for (i = 0; i < 60; i++) printf "x"; printf "z" }')
mkfile notes.txt "plain text
$line
$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "x"; printf "z" }')"
commit "a line that makes the rule's trigger backtrack"
