. "$CASE/../_dco/lib.sh"
# Alice forgot to sign off A; her next commit gives the sign-off for A.
remedy "Alice Example" alice@example.com "Add b

DCO Remediation Commit for Alice Example <alice@example.com>

I, Alice Example <alice@example.com>, hereby add my Signed-off-by to this commit: $A

Signed-off-by: Alice Example <alice@example.com>"
