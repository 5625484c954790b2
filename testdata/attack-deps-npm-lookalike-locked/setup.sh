. "$CASE/../_deps_lib.sh"
# the typosquat exists in the registry, so it locks: the name is the finding
npm_add crossenv ^7.0.3 7.0.3
commit "Add crossenv"
