. "$CASE/../_deps_lib.sh"
npm_add axios ">= 1.0.0" 1.7.2
commit "Add axios, any version from 1"
