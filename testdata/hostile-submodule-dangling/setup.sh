. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
printf '[submodule "../../evil"]\n\tpath = vendor/evil\n\turl = --upload-pack=touch${IFS}pwned\n' > .gitmodules
git add .gitmodules
git update-index --add --cacheinfo 160000,1234567890123456789012345678901234567890,vendor/evil
printf 'a\n' > src/util/new.c
git commit -q -m "a submodule whose commit is not here and a hostile .gitmodules"
test ! -e ../pwned
