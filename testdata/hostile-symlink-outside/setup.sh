. "$CASE/../_lib.sh"
. "$CASE/../_hostile_lib.sh"
base_repo
ln -s ../../etc/passwd src/auth/passwd.c
ln -s /etc/shadow src/auth/shadow.c
ln -s ../../../../../../../../etc/passwd src/util/deep.c
commit "symbolic links that point out of the repository"
