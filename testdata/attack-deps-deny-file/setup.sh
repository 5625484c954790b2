. "$CASE/../_deps_lib.sh"
list_policy '{"deny": ["left-pad"], "deny_file": "security/deny.txt"}'
# The deny-list file on the base branch; names compare as the inline list's
# do (npm: without case; PyPI: PEP 503, so Python_Dateutil is
# python-dateutil).
git checkout -q main
mkfile security/deny.txt '# packages the security team banned
Event-Stream   # the flatmap-stream incident

Python_Dateutil'
commit "Deny-list"
git checkout -q -B feature
npm_add event-stream 3.3.6 3.3.6
printf 'flask==3.0.3\npython-dateutil==2.9.0\n' > api/requirements.txt
commit "Add event-stream and python-dateutil"
