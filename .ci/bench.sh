#!/usr/bin/env bash
# Benchmarks in smoke mode only (CI checks they run and their results agree, it does not time
# them): the core criterion benches once each (`--test`), then the side-by-side script on
# 1,000 quotes (builds the Python wheel into the venv, the wasm package, installs big.js).
# Run from anywhere; the full run is `bash benches/side_by_side.sh` (see benches/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -q -p remitcost-benches -- --test
bash benches/side_by_side.sh --smoke
