. "$CASE/../_deps_lib.sh"
# TOML decodes \u002D to "-": Cargo reads openssl-sys, and so must the
# deny rule (and the lock, which spells it the same way).
list_policy '{"deny": ["openssl-sys"]}'
sed -i 's#requirements\\\\.txt#requirements\\\\.txt|Cargo\\\\.(toml|lock)#' ../policy.json
printf '"openssl\\u002Dsys" = "=0.9.102"\n' >> tool/Cargo.toml
printf '\n[[package]]\nname = "openssl\\u002Dsys"\nversion = "0.9.102"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n' >> tool/Cargo.lock
commit "Add openssl-sys, spelled with an escape"
