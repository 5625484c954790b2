. "$CASE/../_deps_lib.sh"
# An escape TOML does not define is an error, never kept as written.
printf '"evil\\x2Dsys" = "=1.0.0"\n' >> tool/Cargo.toml
commit "Add a crate with an escape TOML does not define"
