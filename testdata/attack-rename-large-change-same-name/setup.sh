. "$CASE/../_lib.sh"
# 1,100 generated files move with the risky one, past git's rename limit
# (1,000 x 1,000 candidates), where git stops looking for edited renames:
# the auth code would be an unrelated addition in the normal tier.
mkdir -p gen
i=0; while [ $i -lt 1100 ]; do printf 'generated %d\nline two\nline three\nline four\n' $i > gen/f$i.txt; i=$((i+1)); done
mkfile src/auth/session.py 'import logging
log = logging.getLogger(__name__)

def check(token):
    log.info("check")
    if not token:
        raise ValueError("no token")
    return verify(token)'
commit "initial"
git checkout -q -b feature
git mv gen moved
i=0; while [ $i -lt 1100 ]; do printf 'generated %d\nline two\nline three\nline 4\n' $i > moved/f$i.txt; i=$((i+1)); done
mkdir -p src/util
git mv src/auth/session.py src/util/session.py
printf 'import logging\nlog = logging.getLogger(__name__)\n\ndef check(token):\n    log.info("check")\n    return True\n' > src/util/session.py
commit "move everything"
