# The pre-receive hook reads the base's CODEOWNERS in the dialect of the
# base's policy: [Security][2] asks two approvals of @sam and @sue, which a
# push cannot show, so the push is refused for that section (under GitHub's
# rules the heading would be ignored and the path left without an owner).
W=$(pwd)
git init -q --bare "$W/srv.git"
git init -q "$W/w"
cat >"$W/w/.riskgate.json" <<'JSON'
{"version": 1, "default_tier": "normal",
 "tiers": [{"name": "normal", "require": {"codeowners": {"dialect": "gitlab"}}}]}
JSON
mkdir -p "$W/w/.github" "$W/w/src"
printf '[Security][2] @sam @sue\n*\n' >"$W/w/.github/CODEOWNERS"
echo hello >"$W/w/src/app.c"
git -C "$W/w" add -A
git -C "$W/w" commit -q -m initial
git -C "$W/w" remote add origin ../srv.git
git -C "$W/w" push -q origin main 2>/dev/null
"$RISKGATE" hook install --repo "$W/srv.git" >/dev/null 2>&1 || exit 99
echo change >>"$W/w/src/app.c"
git -C "$W/w" commit -q -am "change app"
git -C "$W/w" push origin main
