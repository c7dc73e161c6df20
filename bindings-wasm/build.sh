#!/usr/bin/env bash
# Builds the npm package's WebAssembly: cargo (size profile, no CSV reader) -> the wasm-bindgen
# CLI (the crate's exact version) for the `web` and `nodejs` targets -> wasm-opt -Oz from the
# npm `binaryen` package when installed (npm ci) -> the size check (gzipped budget).
# Output: bindings-wasm/pkg-web and bindings-wasm/pkg-node (gitignored). Run from anywhere.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# The size budget of the optimised module, gzipped: the page downloads it. Issue 5 set 150,000 bytes;
# the exact pricing kernel (issue 12: every figure rounded once from its exact value, an i128 path and
# a 512-bit one for the quotes that overflow it) added ~20 KB that the cuts of issue 14 did not win
# back (166,615 bytes at the merge). Raised to 170,000 so that exactness lands; issue 14's goal stays
# 100,000 (benches/README.md: the aggregation API is ~56 KB of it, a second module loaded on demand).
BUDGET_GZ=170000

cd "$ROOT"
# Keep the target_features section for wasm-bindgen (it reads the enabled Wasm features from it);
# wasm-opt drops the custom sections afterwards.
export CARGO_PROFILE_WASM_RELEASE_STRIP=false
cargo build -p remitcost-wasm --target wasm32-unknown-unknown --profile wasm-release
WASM="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/remitcost.wasm"

want="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' "$HERE/Cargo.toml")"
have="$(wasm-bindgen --version | awk '{print $2}')"
if [ "$want" != "$have" ]; then
    echo "wasm-bindgen CLI $have does not match the crate's =$want (run .ci/wasm.sh)" >&2
    exit 1
fi

WASM_OPT="$HERE/node_modules/.bin/wasm-opt"
for target in web nodejs; do
    case "$target" in web) out="$HERE/pkg-web" ;; nodejs) out="$HERE/pkg-node" ;; esac
    rm -rf "$out"
    # The TypeScript declarations are hand-written (types/), not generated.
    wasm-bindgen "$WASM" --target "$target" --out-dir "$out" --out-name remitcost --no-typescript
    if [ -x "$WASM_OPT" ]; then
        # A fresh instance's own memory is zero-filled and Rust leaves its first 1 KB unused:
        # telling wasm-opt so saves about 2 KB gzipped. Flattening and re-looping the control
        # flow, then -Oz again, saves 0.7 KB more (costTable's speed unchanged); a second round
        # of the same, 0.7 KB more again (issue 14).
        "$WASM_OPT" -Oz --converge --flatten --rereloop -Oz --flatten --rereloop -Oz --strip-producers --low-memory-unused --zero-filled-memory \
            --enable-bulk-memory --enable-nontrapping-float-to-int \
            --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
            "$out/remitcost_bg.wasm" -o "$out/remitcost_bg.wasm"
    else
        echo "note: wasm-opt not installed (npm ci in bindings-wasm): module not shrunk" >&2
    fi
done
# The nodejs target is CommonJS: a package.json marks its folder so (the package is "module").
printf '{ "type": "commonjs" }\n' >"$HERE/pkg-node/package.json"

raw=$(wc -c <"$HERE/pkg-web/remitcost_bg.wasm")
gz=$(gzip -9 -c "$HERE/pkg-web/remitcost_bg.wasm" | wc -c)
printf 'remitcost_bg.wasm: %d bytes raw, %d bytes gzipped (budget %d)\n' "$raw" "$gz" "$BUDGET_GZ"
if [ "$gz" -gt "$BUDGET_GZ" ]; then
    echo "size budget exceeded: $gz > $BUDGET_GZ bytes gzipped" >&2
    exit 1
fi
