. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
mkfile src/util/str.c 'int str2;'
commit "change"
t=$(git rev-parse feature:src/util)
rm -f .git/objects/$(echo $t | cut -c1-2)/$(echo $t | cut -c3-)
