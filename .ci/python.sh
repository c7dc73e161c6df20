#!/usr/bin/env bash
# Python package: build the abi3 wheel with maturin into a virtual environment, install it, run
# pytest (vectors, API tests, stub check, README quick start), the stub's docstrings, then the
# notebook example.
# Idempotent; needs only Python >= 3.9 with venv/pip and the Rust toolchain. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

# shellcheck source=.ci/wheel.sh
source .ci/wheel.sh
use_venv
python -m pip install --quiet --disable-pip-version-check --upgrade pip
python -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9,<2" pytest pandas pyarrow polars duckdb mypy matplotlib openpyxl
# The wheel goes to the workspace's target dir (or CARGO_TARGET_DIR), then into the venv.
install_wheel

# Tests run against the installed wheel, not the source tree. Exit code 5 (no tests collected)
# is a failure like any other: `set -e` stops here on any non-zero code.
python -m pytest bindings-python/tests -q

# The stub carries the module's docstrings (written once, in Rust) so editors show them on
# hover; mypy.stubtest (in the tests) checks its signatures, this its docstrings.
python bindings-python/tools/stub_docs.py --check

# The analyst's notebook, as CI would see it: must run and write its PNG.
python examples/corridor_notebook.py "${CARGO_TARGET_DIR:-$ROOT/target}/corridor_costs.png"

# The comparator example, the Python twin of rank_offers.rs.
python examples/rank_offers.py >/dev/null
python examples/rank_offers.py --receive 100000 >/dev/null
