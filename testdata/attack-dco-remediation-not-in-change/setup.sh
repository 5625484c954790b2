. "$CASE/../_dco/lib.sh"
# The remediation commit lands on main, and the feature branch merges main:
# it is not a commit of the change, so it cannot sign off A.
git checkout -q main
remedy "Alice Example" alice@example.com "Add b

I, Alice Example <alice@example.com>, hereby add my Signed-off-by to this commit: $A

Signed-off-by: Alice Example <alice@example.com>"
git checkout -q feature
git merge -q --no-edit main
