#!/bin/sh
# Builds a small demonstration repository under build/demo and runs the gate
# on it with the built-in policy: a change to authentication code without
# tests, a helper change, and a file renamed out of the auth folder.
set -eu

RISKGATE=${1:-./riskgate}
case "$RISKGATE" in /*) ;; *) RISKGATE="$(pwd)/$RISKGATE" ;; esac
DEMO=build/demo
rm -rf "$DEMO"
mkdir -p "$DEMO"
cd "$DEMO"

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Dana Developer" GIT_AUTHOR_EMAIL="dana@example.com"
export GIT_COMMITTER_NAME="Dana Developer" GIT_COMMITTER_EMAIL="dana@example.com"
git init -q -b main .

mkdir -p src/auth src/util tests/auth docs
cat > src/auth/login.c <<'C'
#include "auth.h"

int login(const char *user, const char *password)
{
	if (!user || !password)
		return -1;
	return check_password(user, password);
}
C
cat > src/auth/strings_compat.c <<'C'
#include <string.h>

/* Compatibility copies of string helpers, kept here for historical reasons. */
size_t compat_strlen(const char *s) { return strlen(s); }
int compat_streq(const char *a, const char *b) { return strcmp(a, b) == 0; }
C
cat > src/util/strings.c <<'C'
#include <ctype.h>

void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}
C
cat > tests/auth/test_login.c <<'C'
#include "auth.h"
int main(void) { return login("a", "b") == -1; }
C
echo "# Demo service" > README.md
git add -A
git commit -q -m "Initial import"

git checkout -q -b feature
cat > src/auth/login.c <<'C'
#include "auth.h"

int login(const char *user, const char *password)
{
	if (!user || !password)
		return -1;
	if (is_admin(user))
		return 0; /* admins skip the password check */
	return check_password(user, password);
}
C
cat >> src/util/strings.c <<'C'

void upper(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}
C
git mv src/auth/strings_compat.c src/util/strings_compat.c
git commit -q -am "Let admins log in without a password; move string helpers"

echo "riskgate demo: change 'main...feature' in $(pwd)"
echo "  - src/auth/login.c changed without a test"
echo "  - src/util/strings.c: a helper change"
echo "  - src/auth/strings_compat.c renamed out of the auth folder"
echo
set +e
"$RISKGATE" check --base main --head feature
code=$?
set -e
echo
echo "riskgate exited with $code (0 pass, 1 fail, 2 usage/policy error, 3 runtime error)"
# The demonstration change is meant to fail; anything else is a broken demo.
[ "$code" -eq 1 ]
