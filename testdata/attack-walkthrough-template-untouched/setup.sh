. "$CASE/../_walkthrough_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return True'
commit "Accept every token"
# The repository's pull request template, submitted as it is.
cat > ../description.md <<'MD'
## Summary
<!-- What does this change do? -->

## What happens if a dependency is down or slow?
<!-- Timeouts, retries, fallbacks: what does the code do when a service it
     calls fails or takes ten seconds? -->

## What happens if this runs twice?
<!-- Idempotency keys, deduplication, locks. -->

## What happens if the input is ten times larger?
<!-- Pagination, limits, memory. -->

## How is a failure seen in production?
<!-- Logs, metrics, alerts. -->
MD
