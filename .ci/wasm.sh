#!/usr/bin/env bash
# WebAssembly package: installs what it needs when missing (wasm32 target, the wasm-bindgen CLI
# at the crate's exact version, node packages from package-lock.json, Debian's chromium), then
# builds (bindings-wasm/build.sh: the two modules, pricing and aggregate: cargo, wasm-bindgen,
# wasm-opt, gzipped size budgets), runs the node:test suite (every JSON vector, API and error
# tests), the TypeScript check, the packed package's imports and the comparator page
# (examples/web) in headless chromium. Idempotent; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown

want="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' bindings-wasm/Cargo.toml)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
    cargo install wasm-bindgen-cli --version "$want"
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Node.js (>= 18) and npm are needed: apt-get install -y nodejs npm" >&2
    exit 1
fi
(cd bindings-wasm && npm ci --no-audit --no-fund)

if [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update
    $SUDO apt-get install -y chromium
fi

# The binding alone (core is linted by .ci/rust.sh), as each of its two modules builds it.
for feature in pricing aggregate; do
    cargo clippy -p remitcost-wasm --no-deps --target wasm32-unknown-unknown --no-default-features \
        --features "$feature" -- -D warnings
done
bash bindings-wasm/build.sh

cd bindings-wasm
node --test tests/
node_modules/.bin/tsc -p tests/types
# The package as published: the packed tarball, installed in an empty project, imports from
# ESM and CommonJS (exports map) and its web build instantiates from the shipped .wasm.
PACK="$(mktemp -d)"
trap 'rm -rf "$PACK"' EXIT
npm pack --silent --pack-destination "$PACK" >/dev/null
(
    cd "$PACK"
    printf '{ "name": "pack-check", "private": true }\n' >package.json
    npm install --silent --no-audit --no-fund ./remitcost-*.tgz
    node --input-type=module -e 'import { parseDecimal } from "remitcost"; if (parseDecimal("5E-2") !== "0.05") process.exit(1);'
    node -e 'if (typeof require("remitcost").rankOffers !== "function") process.exit(1);'
    # A cost's object is built by the shipped JS snippet (pkg-*/snippets/), in both builds.
    OFFER='{ "send_currency": "EUR", "receive_currency": "EUR", "schedule": { "parts": [{ "fixed": "2" }] } }'
    node -e 'if (require("remitcost").cost('"$OFFER"', "100").total_cost_pct !== "2.0000") process.exit(1);'
    node --input-type=module -e '
        import { readFileSync } from "node:fs";
        import init, { cost } from "remitcost/web";
        await init({ module_or_path: readFileSync("node_modules/remitcost/pkg-web/remitcost_bg.wasm") });
        if (cost('"$OFFER"', "100").fee !== "2.00") process.exit(1);'
    node --input-type=module -e '
        import { readFileSync } from "node:fs";
        import init, { parseCurrency } from "remitcost/web";
        await init({ module_or_path: readFileSync("node_modules/remitcost/pkg-web/remitcost_bg.wasm") });
        if (parseCurrency("xof").minor_units !== 0) process.exit(1);'
    # The second module, the aggregations, from both builds.
    node --input-type=module -e 'import { version } from "remitcost/aggregate"; if (!version()) process.exit(1);'
    node -e 'if (typeof require("remitcost/aggregate").group !== "function") process.exit(1);'
    node --input-type=module -e '
        import { readFileSync } from "node:fs";
        import init, { groupCorridors } from "remitcost/aggregate/web";
        await init({ module_or_path: readFileSync("node_modules/remitcost/pkg-web/aggregate_bg.wasm") });
        const g = groupCorridors([{ period: "2025_1Q", source_code: "FRA", destination_code: "SEN", average_pct: "5" }], ["period"]);
        if (g.groups[0].mean_pct !== "5.0000") process.exit(1);'
)
cd "$ROOT"
# The comparator page (examples/web) in headless chromium; screenshot in the output dir.
node examples/web/test/comparator.mjs "${CARGO_TARGET_DIR:-$ROOT/target}/web-test"
