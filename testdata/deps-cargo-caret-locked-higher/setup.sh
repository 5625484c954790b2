. "$CASE/../_deps_lib.sh"
# A bare Cargo version is a caret range: "1.0.80" takes 1.0.86, and a lock
# at 1.0.86 is the version it resolved to, not a different one.
printf "anyhow = \"1.0.80\"\n" >> tool/Cargo.toml
printf "\n[[package]]\nname = \"anyhow\"\nversion = \"1.0.86\"\n" >> tool/Cargo.lock
commit "Add anyhow"
