set -eu
git init -q origin-repo
cd origin-repo
for i in 1 2 3 4 5; do echo $i > f$i.c; git add -A; git commit -q -m "c$i"; done
git branch base HEAD~3
git checkout -q -b feature
echo x > src.c; git add -A; git commit -q -m "feature"
cd ..
git clone -q --depth 1 --branch feature "file://$(pwd)/origin-repo" repo
git -C repo fetch -q --depth 1 origin base:refs/remotes/origin/base
