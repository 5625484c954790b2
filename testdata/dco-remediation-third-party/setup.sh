. "$CASE/../_dco/lib.sh"
# Bob gives the sign-off for A on Alice's behalf, in an empty commit.
remedy "Bob Builder" bob@example.com "Sign off A for Alice

On behalf of Alice Example <alice@example.com>, I, Bob Builder <bob@example.com>, hereby add my Signed-off-by to this commit: $A

Signed-off-by: Bob Builder <bob@example.com>" -
