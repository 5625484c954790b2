. "$CASE/../_dco/lib.sh"
# An empty remediation commit (it touches no tier, so nothing checks its own
# sign-off) that is not signed off itself cannot give A its sign-off.
remedy "Alice Example" alice@example.com "Sign off A

I, Alice Example <alice@example.com>, hereby add my Signed-off-by to this commit: $A" -
