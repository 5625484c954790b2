# A push whose classification ends, after the deadline, in a regex error:
# "on_deadline": "pass" must not turn a real error into an accepted push.
git init -q --bare srv.git
git init -q w
cat >w/.riskgate.json <<'EOF'
{"version": 1, "default_tier": "x", "on_deadline": "pass",
 "tiers": [{"name": "x", "paths": ["^d[0-9]+/(a|aa)+$"]}]}
EOF
git -C w add -A && git -C w commit -q -s -m initial
git -C w remote add origin ../srv.git
git -C w push -q origin main 2>/dev/null
slow=$(awk 'BEGIN { for (i = 0; i < 27; i++) printf "a"; printf "b" }')
for i in $(seq 1000 1599); do mkdir "w/d$i" && echo y >"w/d$i/$slow"; done
mkdir w/d9999 && echo y >"w/d9999/$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "a"; printf "b" }')"
git -C w add -A && git -C w commit -q -s -m "many paths"
# Timing (and PCRE2's JIT) is the point, so under the valgrind matrix the
# plain build (make test builds it first) runs the hook instead of
# memcheck's slowed, JIT-less one.
RG=$RISKGATE
[ -n "${VG_LOG_DIR:-}" ] && [ -x "$CASE/../../build/riskgate" ] && RG="$CASE/../../build/riskgate"

# First with time to spare, to learn how long the push takes here (slower
# under valgrind); then with half of that as the deadline: past reading the
# change, before the regex error, which classification reaches last.
printf '#!/bin/sh\nexec "%s" hook pre-receive --deadline-ms 600000\n' "$RG" >srv.git/hooks/pre-receive
chmod +x srv.git/hooks/pre-receive
total=$(git -C w push origin main 2>&1 | sed -n 's/.*decided in \([0-9]*\) ms (deadline .*/\1/p' | head -n 1)
printf '#!/bin/sh\nexec "%s" hook pre-receive --deadline-ms %s\n' "$RG" "$(( ${total:-1600} / 2 ))" >srv.git/hooks/pre-receive
git -C w push origin main
