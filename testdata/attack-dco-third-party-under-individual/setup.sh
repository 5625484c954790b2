. "$CASE/../_dco/lib.sh"
# A sign-off on the author's behalf, where only the author may remediate.
remedy "Bob Builder" bob@example.com "Sign off A for Alice

On behalf of Alice Example <alice@example.com>, I, Bob Builder <bob@example.com>, hereby add my Signed-off-by to this commit: $A

Signed-off-by: Bob Builder <bob@example.com>" -
