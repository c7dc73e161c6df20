#!/usr/bin/env bash
# Side-by-side benchmarks: remitcost against what users would otherwise use, on one generated
# data set, in one run (see benches/README.md). Installs what it needs: a Python venv with the
# remitcost wheel (built here with maturin), pandas, pyarrow and polars; the wasm package
# (bindings-wasm/build.sh; .ci/wasm.sh installs its toolchain when missing); big.js for the
# JS half (benches/js/package.json). Run from anywhere:
#
#   bash benches/side_by_side.sh            # 1,000,000 quotes / rows: the full table
#   bash benches/side_by_side.sh --smoke    # 1,000 quotes: runs every stage, checks results agree
#
# Env: REMITCOST_VENV (default <repo>/.venv, the one .ci/python.sh makes), CARGO_TARGET_DIR,
# BENCH_OUT (generated data and results; default <target>/side_by_side).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SMOKE=""
[ "${1:-}" = "--smoke" ] && SMOKE="--smoke"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="${BENCH_OUT:-$TARGET/side_by_side}"
VENV="${REMITCOST_VENV:-$ROOT/.venv}"
mkdir -p "$OUT"

# Python: the venv, the tools compared, the remitcost wheel as built from this checkout.
[ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9,<2" numpy pandas pyarrow polars openpyxl
rm -f "$TARGET"/wheels/remitcost-*.whl
"$VENV/bin/maturin" build --quiet --release --manifest-path bindings-python/Cargo.toml \
    --out "$TARGET/wheels" --interpreter "$VENV/bin/python" >/dev/null
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
    "$TARGET"/wheels/remitcost-*.whl

# JS: the wasm package's Node build and big.js.
if ! command -v wasm-bindgen >/dev/null 2>&1; then
    rustup target add wasm32-unknown-unknown
    cargo install wasm-bindgen-cli --version "$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' bindings-wasm/Cargo.toml)"
fi
[ -d bindings-wasm/node_modules ] || (cd bindings-wasm && npm ci --no-audit --no-fund)
bash bindings-wasm/build.sh >/dev/null
(cd benches/js && npm install --no-audit --no-fund --silent)

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "versions: $("$VENV/bin/python" -c 'import sys, pandas, polars, numpy; print(f"python {sys.version.split()[0]}, pandas {pandas.__version__}, polars {polars.__version__}, numpy {numpy.__version__}")'), node $(node --version)"
echo
"$VENV/bin/python" benches/side_by_side.py --out "$OUT" $SMOKE
"$VENV/bin/python" benches/peak_rss.py "$OUT/quotes.json"
echo
node benches/js/side_by_side.mjs "$OUT/quotes.json" $SMOKE
