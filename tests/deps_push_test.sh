#!/bin/sh
# Dependency intake (docs/dependencies.md) on a real `git push` into a bare
# repository with the pre-receive hook installed: the manifest and its lock
# are read from the pushed objects.
. "$(dirname "$0")/lib.sh"

W="$T_ROOT/deps-push"
mkdir -p "$W"
cd "$W" || exit 1

cat >policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "tiers": [
    {"name": "deps", "paths": ["(^|/)package(-lock)?\\.json$"], "require": {"dependencies": true}},
    {"name": "low", "paths": []}
  ]
}
JSON
git init -q --bare srv.git
git init -q -b main w
cp policy.json w/.riskgate.json
printf '{"name": "web", "dependencies": {"lodash": "^4.17.21"}}\n' >w/package.json
printf '{"lockfileVersion": 3, "packages": {"": {"name": "web"}, "node_modules/lodash": {"version": "4.17.21"}}}\n' >w/package-lock.json
git -C w add -A && git -C w commit -q -m initial
git -C w remote add origin ../srv.git
git -C w push -q origin main 2>/dev/null
"$RISKGATE" hook install --repo srv.git >out 2>&1
check "install" test -x srv.git/hooks/pre-receive

# A look-alike of cross-env, not in the lock: refused, naming both.
printf '{"name": "web", "dependencies": {"lodash": "^4.17.21", "crossenv": "^7.0.3"}}\n' >w/package.json
git -C w add -A && git -C w commit -q -m "Add crossenv"
git -C w push origin main >out 2>&1
rc=$?
check "look-alike: push refused" test "$rc" -ne 0
check "look-alike: main did not move" test "$(git -C srv.git rev-parse main)" != "$(git -C w rev-parse main)"
check "look-alike: named" grep -qF 'dependencies/lookalike: package.json:1: crossenv looks like cross-env, a widely used npm package' out
check "look-alike: not locked" grep -qF 'crossenv is not in package-lock.json at any version' out

# The real package, locked: accepted.
printf '{"name": "web", "dependencies": {"lodash": "^4.17.21", "cross-env": "^7.0.3"}}\n' >w/package.json
printf '{"lockfileVersion": 3, "packages": {"": {"name": "web"}, "node_modules/lodash": {"version": "4.17.21"}, "node_modules/cross-env": {"version": "7.0.3"}}}\n' >w/package-lock.json
git -C w add -A && git -C w commit -q --amend -m "Add cross-env"
git -C w push origin main >out 2>&1
rc=$?
check "locked: push accepted" test "$rc" -eq 0
check "locked: main moved" test "$(git -C srv.git rev-parse main)" = "$(git -C w rev-parse main)"

finish deps-push
