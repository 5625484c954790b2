. "$CASE/../_dco/lib.sh"
# Alice's commit, but the statement names another address than A's author.
remedy "Alice Example" alice@example.com "Add b

I, Alice Example <alice@other.example>, hereby add my Signed-off-by to this commit: $A

Signed-off-by: Alice Example <alice@example.com>"
