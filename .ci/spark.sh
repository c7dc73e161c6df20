#!/usr/bin/env bash
# remitcost scaled out: PySpark (local mode) and Polars. Installs pyspark into the same virtual
# environment as .ci/python.sh (and a Java runtime from Debian only if `java` is missing), builds
# and installs the wheel, then runs the Spark tests (the bundled sample split into partitions,
# compared with the single-machine results to the last digit) and the Spark example.
# Idempotent; runnable alone from anywhere (it builds what it needs), or after python.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

# pyspark runs on the JVM: Java 17 or later. Debian's headless JRE when none is installed.
if ! command -v java >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq openjdk-17-jre-headless \
        || $SUDO apt-get install -y -qq default-jre-headless
fi
java -version 2>&1 | head -1

# shellcheck source=.ci/wheel.sh
source .ci/wheel.sh
use_venv
python -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9,<2" pytest pandas pyarrow polars "pyspark>=3.5,<5"
# The wheel goes to the workspace's target dir (or CARGO_TARGET_DIR), then into the venv.
install_wheel

# The Spark tests skip only when pyspark cannot be imported: here it must import.
python -c "import pyspark; print('pyspark', pyspark.__version__)"
python -m pytest bindings-python/tests/test_spark.py -q -rs

# The example, end to end: exits non-zero if the distributed figures differ.
python examples/spark_indicators.py >/dev/null
