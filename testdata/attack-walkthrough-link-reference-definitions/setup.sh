. "$CASE/../_walkthrough_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return True'
commit "Accept every token"
# The "Markdown comment" idiom: link reference definitions render as
# nothing, so the page shows only the summary line and empty headings.
cat > ../description.md <<'MD'
Accept every token.

[What happens if a dependency is down or slow?]: # "The session store call has a 200 ms timeout and the request gets 503."
## What happens if this runs twice?
[//]: # (Checking a session has no side effects, so a second check returns the same answer.)
## What happens if the input is ten times larger?
<span title="Tokens are capped at 4 KiB before the lookup; a larger one is refused with 400."></span>
## How is a failure seen in production?
<details><summary></summary><!-- Every refused check increments session_check_failures_total, which alerts. --></details>
MD
