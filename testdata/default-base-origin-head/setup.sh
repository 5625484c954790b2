set -eu
git init -q upstream
git -C upstream commit -q --allow-empty -m root
git clone -q upstream repo
cd repo
git checkout -q --no-track -b feature origin/main
mkdir -p docs && echo doc > docs/a.md && git add -A && git commit -q -m doc
git rev-parse --verify -q refs/remotes/origin/HEAD >/dev/null
