. "$CASE/../_deps_lib.sh"
printf "reqeusts>=2.0\n" >> api/requirements.txt
commit "Add reqeusts"
