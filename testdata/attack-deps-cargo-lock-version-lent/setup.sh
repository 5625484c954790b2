. "$CASE/../_deps_lib.sh"
# serde pinned to a version that does not exist. The lock holds it only in
# a [[package]] with no name, followed by the real serde at 1.0.203: the
# version must not pass from one block to the next.
printf '[package]\nname = "tool"\nversion = "0.1.0"\n\n[dependencies]\nserde = "=1.0.999"\n' > tool/Cargo.toml
printf 'version = 3\n\n[[package]]\nversion = "1.0.999"\n\n[[package]]\nname = "serde"\nversion = "1.0.203"\n' > tool/Cargo.lock
commit "Pin serde"
