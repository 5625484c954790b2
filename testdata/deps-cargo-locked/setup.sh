. "$CASE/../_deps_lib.sh"
printf "anyhow = \"1.0.86\"\n" >> tool/Cargo.toml
printf "\n[[package]]\nname = \"anyhow\"\nversion = \"1.0.86\"\n" >> tool/Cargo.lock
commit "Add anyhow"
