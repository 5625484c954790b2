#!/bin/sh
# Builds a small demonstration repository under build/demo and runs the gate
# on it with the built-in policy, twice:
#   1. an AI-assisted change to authentication code with no sign-off, no
#      test, no logging and a swallowed error, plus a helper change and a
#      file renamed out of the auth folder: it fails, for each reason;
#   2. the same change with each problem fixed, and the pull request's
#      reviews: it passes.
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

# ---- main: a small service with its auth package, tests and owners ----------
mkdir -p .github src/auth src/util tests/auth tests/util
printf '* @acme/maintainers\n/src/auth/ @acme/security\n/tests/auth/ @acme/security\n' \
	> .github/CODEOWNERS
cat > src/auth/login.py <<'PY'
import logging

logger = logging.getLogger(__name__)


def login(user, password):
    if not user or not password:
        logger.warning("login refused: missing credentials")
        return False
    return check_password(user, password)


def check_password(user, password):
    stored = load_hash(user)
    if stored is None:
        return False
    return verify(stored, password)


def load_hash(user):
    return USERS.get(user)


USERS = {}
PY
cat > src/auth/strings_compat.py <<'PY'
def compat_lower(s):
    return s.lower()
PY
cat > src/util/strings.py <<'PY'
def lower(s):
    return s.lower()
PY
cat > tests/auth/test_login.py <<'PY'
from auth.login import login


def test_refuses_missing_password():
    assert login("a", "") is False
PY
echo "# Demo service" > README.md
printf 'flask==3.0.3\n' > requirements.txt
git add -A
git commit -q -m "Initial import" -m "AI-Assisted: no"

# ---- 1. the change as an assistant wrote it ----------------------------------
git checkout -q -b feature
cat >> src/auth/login.py <<'PY'


def admin_login(user):
    try:
        audit(user)
    except Exception: pass
    return is_admin(user)
PY
cat >> src/util/strings.py <<'PY'


def upper(s):
    return s.upper()
PY
git mv src/auth/strings_compat.py src/util/strings_compat.py
# A dependency whose name is one letter off a popular one, with no version.
printf 'reqeusts>=2.0\n' >> requirements.txt
git add -A
git commit -q -m "Let admins log in without a password; move string helpers" \
	-m "Co-authored-by: Claude <noreply@anthropic.com>"

# ---- 2. the same change, fixed ------------------------------------------------
git checkout -q -b feature-fixed main
cat >> src/auth/login.py <<'PY'


def admin_login(user):
    try:
        audit(user)
    except AuditError:
        logger.exception("audit failed for admin login of %s", user)
        return False
    logger.info("admin login for %s", user)
    return is_admin(user)
PY
cat >> src/util/strings.py <<'PY'


def upper(s):
    return s.upper()
PY
git mv src/auth/strings_compat.py src/util/strings_compat.py
printf 'requests==2.31.0\n' >> requirements.txt
cat >> tests/auth/test_login.py <<'PY'


def test_admin_login_refuses_when_audit_fails():
    assert admin_login("mallory") is False
PY
cat > tests/util/test_strings_compat.py <<'PY'
from util.strings_compat import compat_lower


def test_compat_lower():
    assert compat_lower("A") == "a"
PY
cat > tests/util/test_strings.py <<'PY'
from util.strings import upper


def test_upper():
    assert upper("a") == "A"
PY
git add -A
git commit -q -m "Let admins log in after an audit; move string helpers" \
	-m "Assisted-by: Claude Code
Signed-off-by: Dana Developer <dana@example.com>"

# The pull request's reviews, as GitHub's API returns them, and the team.
head=$(git rev-parse feature-fixed)
cat > ../demo-reviews.json <<JSON
[
  {"id": 1, "user": {"login": "sam", "type": "User"}, "state": "APPROVED",
   "commit_id": "$head", "submitted_at": "2026-11-20T10:00:00Z",
   "author_association": "MEMBER"},
  {"id": 2, "user": {"login": "mo", "type": "User"}, "state": "APPROVED",
   "commit_id": "$head", "submitted_at": "2026-11-20T11:00:00Z",
   "author_association": "MEMBER"}
]
JSON
printf '{"acme/security": ["sam", "sue"], "acme/maintainers": ["dana", "mo"]}\n' \
	> ../demo-teams.json
# Who has write access (the Action asks GitHub's API; offline, a file):
# an approval counts only from someone shown to have it.
printf '{"sam": "write", "mo": "maintain", "dana": "write"}\n' > ../demo-permissions.json
# The pull request's description, where the author answers the critical
# tier's failure-mode questions (docs/walkthrough.md).
cat > ../demo-description.md <<'MD'
Admins log in only after the audit call succeeds.

## What happens if a dependency is down or slow?
If the audit service fails or times out, audit() raises AuditError: the
login is refused and the failure is logged with the user's name.

## What happens if this runs twice?
A second login attempt calls audit() again and writes a second audit
record; no state is shared between the two attempts.

## What happens if the input is ten times larger?
The input is one user name; audit() is called once per login, so ten
times as many logins make ten times as many audit calls.

## How is a failure seen in production?
logger.exception writes "audit failed for admin login" with the stack
trace at error level, which the login dashboard counts.
MD

echo "==> 1. riskgate check --base main --head feature"
echo "    An AI-assisted change (Co-authored-by: Claude) to src/auth/login.py with no"
echo "    sign-off, no test, no logging and a swallowed exception, and no answers"
echo "    to the failure-mode questions; a dependency named one letter off"
echo "    'requests', unpinned; a helper change without a test; a file renamed out"
echo "    of src/auth/. No reviews yet."
echo
set +e
"$RISKGATE" check --base main --head feature
first=$?
echo
echo "==> 2. riskgate check --base main --head feature-fixed --approvals ... --teams ... --permissions ... --description ..."
echo "    The same change: disclosed (Assisted-by) and signed off, with tests,"
echo "    logging, the exception handled, approvals from the code owners"
echo "    (sam of @acme/security, mo of @acme/maintainers), who have write access,"
echo "    a description that answers the failure-mode questions, and the real"
echo "    'requests' pinned with ==."
echo
"$RISKGATE" check --base main --head feature-fixed --author dana \
	--approvals ../demo-reviews.json --teams ../demo-teams.json \
	--permissions ../demo-permissions.json --description ../demo-description.md \
	--write-note
second=$?
echo
echo "==> 3. riskgate verify feature-fixed feature"
echo "    The second check recorded its verdict as a git note on the head"
echo "    (refs/notes/riskgate, docs/verdicts.md): verify reads it back; the first"
echo "    change has none."
echo
"$RISKGATE" verify feature-fixed feature
third=$?
set -e
echo
echo "riskgate exited with $first, then $second (0 pass, 1 fail, 2 usage/policy error, 3 runtime error); verify with $third"
# The first change is meant to fail and the second to pass; anything else is
# a broken demonstration.
[ "$first" -eq 1 ] && [ "$second" -eq 0 ] && [ "$third" -eq 1 ]
