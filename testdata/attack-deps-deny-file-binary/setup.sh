. "$CASE/../_deps_lib.sh"
list_policy '{"deny_file": "security/deny.txt"}'
# A deny-list that is not text: a NUL byte in front of the name would
# hide it from a reader that stops there; it is an error, not a list.
git checkout -q main
mkdir -p security
printf 'x\000\nevent-stream\n' > security/deny.txt
commit "Deny-list"
git checkout -q -B feature
npm_add event-stream 3.3.6 3.3.6
commit "Add event-stream"
