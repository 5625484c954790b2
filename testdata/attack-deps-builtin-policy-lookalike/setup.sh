. "$CASE/../_deps_lib.sh"
printf "reqeusts==2.31.0\n" >> api/requirements.txt
commit "Add reqeusts"
