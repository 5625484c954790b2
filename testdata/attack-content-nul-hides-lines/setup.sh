. "$CASE/../_lib.sh"
# The critical tier allows 40 changed lines; git counts none for a binary
# file, so a NUL byte used to hide the size of the change.
mkfile src/auth/session.c 'int s;'
commit "initial"
git checkout -q -b feature
{ printf '/* \000 */\n'; i=0; while [ $i -lt 60 ]; do printf 'int v%d = %d; /* log_x( */\n' $i $i; i=$((i+1)); done; } > src/auth/session.c
commit "session"
