#!/usr/bin/env bash
# Rust: formatting, lints, every test (unit, vectors, proptests, doctests; the serde-free JSON
# readers of the `lite-json` feature too), the examples on the bundled data, and the benchmarks
# in smoke mode (each run once, no timing).
set -euo pipefail
cd "$(dirname "$0")/.."

# rust-toolchain.toml pins the toolchain; rustup installs it (and its components) on first use.
rustup show active-toolchain >/dev/null
rustup component add rustfmt clippy >/dev/null 2>&1 || true

RUST_PACKAGES=(-p remitcost -p remitcost-examples -p remitcost-benches)

# Property tests explore new random cases on every developer run; CI replays one fixed seed,
# so that a run's verdict depends on the code, not on the draw.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261129}"

cargo fmt --all --check
# The `xlsx` feature (the RPW workbook reader) and the `arrow` feature (the Arrow layouts the
# Python binding hands over) are built, linted and tested with the rest; the wasm build never
# has them. The `lite-json` feature (the serde-free JSON readers of the npm page module, core's
# src/json) too: its property tests against serde_json + core, ~15 s. The wasm crate itself is
# linted and tested in a JavaScript engine (.ci/wasm.sh).
FEATURES=remitcost/xlsx,remitcost/arrow,remitcost/lite-json
cargo clippy "${RUST_PACKAGES[@]}" --features "$FEATURES" --all-targets -- -D warnings
# As the npm modules build core: no default features, with and without lite-json.
cargo clippy -p remitcost --no-default-features --lib -- -D warnings
cargo clippy -p remitcost --no-default-features --features lite-json --lib -- -D warnings
# Core's tests without the optional features (csv alone): code and tests kept to their features.
cargo clippy -p remitcost --no-default-features --features csv --all-targets -- -D warnings
# Doc links resolve, private items' included (the docs are how the next reader finds the code).
RUSTDOCFLAGS="-D warnings" cargo doc -p remitcost --no-deps --document-private-items \
    --features xlsx,arrow,lite-json
cargo test "${RUST_PACKAGES[@]}" --features "$FEATURES"

# The examples run on the bundled data (the README's main job among them).
cargo run -q -p remitcost-examples --bin rank_offers >/dev/null
cargo run -q -p remitcost-examples --bin rank_offers -- --receive 100000 >/dev/null
cargo run -q -p remitcost-examples --bin rpw_report >/dev/null

# The benchmarks run in smoke mode in .ci/bench.sh.
