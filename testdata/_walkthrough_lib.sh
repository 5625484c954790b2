# A repository for the walkthrough-* cases (policy _policies/walkthrough.json):
# main with src/auth/session.py, then a `feature` branch. `answers` writes a
# pull request description that answers all four default questions.
. "$CASE/../_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return token is not None'
mkfile README.md 'app'
commit "initial"
git checkout -q -b feature
# answers FILE: a description answering the four built-in questions.
answers() {
	cat > "$1" <<'MD'
Sessions are checked against the store.

## What happens if a dependency is down or slow?
The session store call has a 200 ms timeout; on timeout the request is
refused with 503 and the client retries with backoff.

## What happens if this runs twice?
Checking a session has no side effects, so a second check returns the same
answer and writes nothing.

## What happens if the input is ten times larger?
Tokens are capped at 4 KiB before the lookup; a larger one is refused with
400 before it reaches the store.

## How is a failure seen in production?
Every refused check increments session_check_failures_total, which alerts
at 5 a minute, and logs the request id at warning level.
MD
}
