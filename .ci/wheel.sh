# Sourced by python.sh and spark.sh (not run alone). Expects ROOT (the checkout).
#   use_venv        the shared virtual environment (REMITCOST_VENV, default .venv), created if
#                   missing, then activated
#   install_wheel   this checkout's abi3 wheel, built by maturin into the workspace's target dir
#                   (or CARGO_TARGET_DIR), installed into the active environment

use_venv() {
    local venv="${REMITCOST_VENV:-$ROOT/.venv}"
    if [ ! -x "$venv/bin/python" ]; then
        "${PYTHON:-python3}" -m venv "$venv"
    fi
    # shellcheck disable=SC1091
    source "$venv/bin/activate"
}

install_wheel() {
    local wheels="${CARGO_TARGET_DIR:-$ROOT/target}/wheels"
    rm -f "$wheels"/remitcost-*.whl
    maturin build --release --manifest-path "$ROOT/bindings-python/Cargo.toml" --out "$wheels" \
        --interpreter "$(command -v python)"
    python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
        "$wheels"/remitcost-*.whl
}
