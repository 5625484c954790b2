. "$CASE/../_deps_lib.sh"
printf "anyhow = \"1.0.86\"\n" >> tool/Cargo.toml
printf "\n# touched\n" >> tool/Cargo.lock
commit "Add anyhow, lock touched"
