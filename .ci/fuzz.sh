#!/usr/bin/env bash
# Fuzz smoke: every cargo-fuzz target in fuzz/ for a short while (FUZZ_SECONDS each, default
# 25), one at a time, starting from the seeds in fuzz/seeds. Needs a nightly toolchain and
# cargo-fuzz (installed here if missing); without them it says why it skipped and passes.
# A crash fails the step and leaves the input in fuzz/artifacts/<target>/. A fixed -seed makes
# the inputs tried the same on every run (a CI failure is a finding, not noise).
# Longer local runs: cd fuzz && cargo +nightly fuzz run <target> -- -max_total_time=180
set -uo pipefail
cd "$(dirname "$0")/.."

skip() {
    echo "fuzz smoke skipped: $*"
    exit 0
}

cargo +nightly --version >/dev/null 2>&1 || skip "no nightly toolchain (cargo +nightly does not run)"
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz (a few minutes)"
    timeout 900 cargo install cargo-fuzz --locked >/dev/null 2>&1 \
        || skip "cargo-fuzz is not installed and 'cargo install cargo-fuzz' failed"
fi
set -e

seconds=${FUZZ_SECONDS:-25}
target_dir=${CARGO_TARGET_DIR:-$PWD/target}/fuzz
cd fuzz
for target in $(cargo fuzz list); do
    printf -- '--- fuzz %s (%ss)\n' "$target" "$seconds"
    mkdir -p "corpus/$target" "seeds/$target"
    log=$(mktemp)
    status=0
    cargo +nightly fuzz run "$target" -O -a --target-dir "$target_dir" \
        "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -seed=1 -rss_limit_mb=2048 -timeout=20 -max_len=4096 \
        -print_final_stats=1 >"$log" 2>&1 || status=$?
    grep -E '^(stat::number_of_executed_units|Done )' "$log" || true
    if [ "$status" -ne 0 ]; then
        tail -60 "$log" >&2
        echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/" >&2
        exit 1
    fi
    rm -f "$log"
done
echo "fuzz smoke passed"
