. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
mkfile src/util/str.c 'int str2;'
commit "change"
c=$(git rev-parse feature)
rm -f .git/objects/$(echo $c | cut -c1-2)/$(echo $c | cut -c3-)
