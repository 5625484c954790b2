. "$CASE/../_dco/lib.sh"
# Mallory writes Alice's individual statement in her own signed-off commit.
remedy "Mallory Hacker" mallory@example.com "Add b

I, Alice Example <alice@example.com>, hereby add my Signed-off-by to this commit: $A

Signed-off-by: Mallory Hacker <mallory@example.com>"
