. "$CASE/../_deps_lib.sh"
printf "requests==2.31.0\n" >> api/requirements.txt
commit "Add requests"
