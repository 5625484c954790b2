. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
mkfile src/util/str.c 'int str2;'
mkfile tests/util/test_str.c 't'
commit "change"
blob=$(git rev-parse feature:src/util/str.c)
rm -f .git/objects/$(echo $blob | cut -c1-2)/$(echo $blob | cut -c3-)
