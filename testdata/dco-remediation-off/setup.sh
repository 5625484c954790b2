. "$CASE/../_dco/lib.sh"
# The same remediation, under a policy that does not allow remediation commits.
remedy "Alice Example" alice@example.com "Add b

DCO Remediation Commit for Alice Example <alice@example.com>

I, Alice Example <alice@example.com>, hereby add my Signed-off-by to this commit: $A

Signed-off-by: Alice Example <alice@example.com>"
