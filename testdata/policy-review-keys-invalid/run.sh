# Each review key checked on its own (lint takes one file): a typo or a
# wrong value is an error, never a silently relaxed review rule.
"$RISKGATE" policy lint policy.json; a=$?
"$RISKGATE" policy lint policy2.json; b=$?
[ "$a" = 2 ] && [ "$b" = 2 ] && exit 2
echo "lint exits $a and $b, expected 2 and 2"
exit 1
