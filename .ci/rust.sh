#!/usr/bin/env bash
# Rust: formatting, lints, every test (unit, vectors, proptests, doctests; the npm module's JSON
# readers' host tests too), the examples on the bundled data, and the benchmarks in smoke mode
# (each run once, no timing).
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
# has them.
cargo clippy "${RUST_PACKAGES[@]}" --features remitcost/xlsx,remitcost/arrow --all-targets -- -D warnings
cargo clippy -p remitcost --no-default-features --lib -- -D warnings
cargo test "${RUST_PACKAGES[@]}" --features remitcost/xlsx,remitcost/arrow
# The npm module's JSON parser and readers (bindings-wasm/src/read.rs, written by hand for size)
# against serde_json + core: host unit and property tests, ~15 s. The rest of that crate runs
# in a JavaScript engine (.ci/wasm.sh).
cargo clippy -p remitcost-wasm --all-targets -- -D warnings
cargo test -p remitcost-wasm --lib

# The examples run on the bundled data (the README's main job among them).
cargo run -q -p remitcost-examples --bin rank_offers >/dev/null
cargo run -q -p remitcost-examples --bin rank_offers -- --receive 100000 >/dev/null
cargo run -q -p remitcost-examples --bin rpw_report >/dev/null

# The benchmarks run in smoke mode in .ci/bench.sh.
