# A repository for the rule-when-* cases (policy _policies/rule-when.json),
# as _approval_lib.sh builds it, plus docs/ and config/ on main, with
# `feature` at main.
. "$CASE/../_approval_lib.sh"
git checkout -q main
mkdir -p docs config
printf '# Guide\n' > docs/guide.md
printf 'timeout = 1\n' > config/app.toml
commit "docs and config"
git branch -f feature HEAD
git checkout -q feature
