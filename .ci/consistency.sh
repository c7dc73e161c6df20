#!/usr/bin/env bash
# Cross-language consistency: every case of every file in testdata/vectors and of the
# malformed-input corpus (testdata/malformed/cases.json) through Rust (core), Python (the
# installed wheel) and JavaScript (the npm package's Node build); each writes one canonical JSON
# Lines dump (one line per case, keys sorted, decimals as strings, sorted by file and name) and
# testdata/consistency/compare.py diffs them byte for byte, failing on any difference and on any
# skipped case not in its documented list.
# Builds nothing new: runs after .ci/python.sh (the venv and its wheel) and .ci/wasm.sh
# (bindings-wasm/pkg-node); the Rust dump is an integration test of core that .ci/rust.sh has
# already compiled. Dumps go to $CARGO_TARGET_DIR/consistency (or target/consistency).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
VENV="${REMITCOST_VENV:-$ROOT/.venv}"
OUT="${CARGO_TARGET_DIR:-$ROOT/target}/consistency"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import remitcost' 2>/dev/null; then
    echo "no remitcost in $VENV: run .ci/python.sh first" >&2
    exit 1
fi
if [ ! -f bindings-wasm/pkg-node/remitcost.js ]; then
    echo "no bindings-wasm/pkg-node: run .ci/wasm.sh first" >&2
    exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.jsonl

SECONDS=0
CONSISTENCY_OUT="$OUT/rust.jsonl" cargo test -q -p remitcost --test consistency >/dev/null
"$VENV/bin/python" bindings-python/tests/dump_vectors.py "$OUT/python.jsonl"
node bindings-wasm/tests/dump_vectors.mjs "$OUT/js.jsonl"
"$VENV/bin/python" testdata/consistency/compare.py "$OUT/rust.jsonl" "$OUT/python.jsonl" "$OUT/js.jsonl"
echo "consistency step: ${SECONDS}s (dumps in $OUT)"
