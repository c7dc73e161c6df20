#!/usr/bin/env bash
# Fuzz smoke: every cargo-fuzz target in fuzz/, one at a time. Needs a nightly toolchain and
# cargo-fuzz (installed here if missing); without them it says why it skipped and passes.
#
# Each target first replays fuzz/regressions/<target>/ (every input a fuzzer ever crashed on,
# kept once fixed), then runs a fixed number of new inputs (FUZZ_RUNS, default 40000) from the
# seeds in fuzz/seeds/<target>/ into a fresh corpus, with a fixed -seed. A count of runs, not
# a time limit: as much exploring on a slow machine as on a fast one. (Not the same inputs:
# two runs with the same seed and binary still part ways, through comparisons of addresses
# that differ from run to run, so a smoke run can still meet a new bug; that is a finding.)
# Exploring is for longer local runs (see fuzz/README.md):
#   cd fuzz && cargo +nightly fuzz run solve -O -a -- -max_total_time=600
# A crash fails the step, prints the panic and leaves the input in fuzz/artifacts/<target>/.
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

runs=${FUZZ_RUNS:-40000}
target_dir=${CARGO_TARGET_DIR:-$PWD/target}/fuzz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd fuzz

# Runs one libFuzzer command; on failure prints where it panicked and the input, and stops.
fuzz() {
    local target=$1 log="$work/log"
    shift
    if cargo +nightly fuzz run "$target" -O -a --target-dir "$target_dir" "$@" \
        >"$log" 2>&1; then
        grep -E '^(stat::number_of_executed_units|Done )' "$log" || true
        return 0
    fi
    grep -E -A4 'panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer|ALARM' "$log" >&2 || true
    grep -E -A60 'Output of `std::fmt::Debug`' "$log" >&2 || tail -40 "$log" >&2
    echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/" >&2
    exit 1
}

for target in $(cargo fuzz list); do
    if [ -d "regressions/$target" ]; then
        printf -- '--- fuzz %s: replay %s past crashes\n' "$target" \
            "$(find "regressions/$target" -type f | wc -l)"
        fuzz "$target" "regressions/$target"/*
    fi
    printf -- '--- fuzz %s: %s runs\n' "$target" "$runs"
    mkdir -p "$work/corpus/$target" "seeds/$target"
    fuzz "$target" "$work/corpus/$target" "seeds/$target" -- \
        -runs="$runs" -seed=1 -rss_limit_mb=2048 -timeout=20 -max_len=4096 \
        -print_final_stats=1
done
echo "fuzz smoke passed"
