. "$CASE/../_deps_lib.sh"
# serde pinned to a version that does not exist; Cargo.lock changes for
# another crate and keeps serde at the version that resolved.
cat > tool/Cargo.toml <<'TOML'
[package]
name = "tool"
version = "0.1.0"

[dependencies]
serde = "=1.0.999"
itoa = "1.0"
TOML
cat >> tool/Cargo.lock <<'TOML'

[[package]]
name = "itoa"
version = "1.0.11"
source = "registry+https://github.com/rust-lang/crates.io-index"
TOML
git add -A && git commit -q -m "Pin serde"
