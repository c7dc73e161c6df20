"""The RPW indicators and a quote log priced on a Spark cluster — here Spark in local mode —
with remitcost running in the executors, and the same figures checked against one machine.

    python examples/spark_indicators.py [RPW.csv] [--partitions 4] [--master local[2]]

Defaults: the bundled sample (testdata/rpw/sample.csv) and the bundled France -> Senegal
offers (examples/data/offers_fra_sen.json). Needs pyspark (>= 3.5) and Java 17 or later.

What it does:
1. reads the RPW file with Spark as published (RPW's own headers, every value as text),
   spreads it over partitions, and computes the indicators: each partition aggregates its
   rows into a `remitcost.Partial` inside an executor, Spark merges the partial states
   pairwise (`treeReduce`), the driver finishes them — the same figures as
   `remitcost.indicators(path)` on one machine, to the last digit (checked below);
2. prices a DataFrame of quotes (offer JSON x amount) in the executors with `mapInArrow`:
   exact decimal columns, an `error` code for a quote that cannot be priced.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

import remitcost as rc
import remitcost.spark

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(REPO / "testdata" / "rpw" / "sample.csv"))
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(args.master)
        .appName("remitcost-indicators")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        # 1. Indicators, distributed.
        rows = spark.read.csv(args.path, header=True).repartition(args.partitions)
        out = remitcost.spark.indicators(rows)
        print(f"RPW indicators over {rows.rdd.getNumPartitions()} partitions "
              f"({rows.count()} rows; left out: {out.left_out})\n")
        print(f"{'period':<9} {'services':>8} {'corridors':>9} {'global %':>9} "
              f"{'corridor %':>10} {'SmaRT %':>8} {'above 5%':>8}")
        for p in out.periods:
            smart = p["smart_pct"] if p["smart_pct"] is not None else "-"
            print(f"{p['period']:<9} {p['services']:>8} {p['corridors']:>9} "
                  f"{p['global_average_pct']:>9} {p['corridor_average_pct']:>10} {smart:>8} "
                  f"{p['above_5']['count']:>8}")
        one_machine = rc.indicators(args.path)
        same = json.dumps(out.to_dict(), default=str) == json.dumps(
            one_machine.to_dict(), default=str)
        print(f"\nsame figures as remitcost.indicators on one machine: {same}")
        if not same:
            raise SystemExit("the distributed indicators differ from the one-machine ones")

        # 2. A quote log, priced in the executors.
        offers = json.loads((HERE / "data" / "offers_fra_sen.json").read_text())["offers"]
        amounts = [Decimal(a) for a in ("50", "140", "200", "500", "1000")]
        quotes = spark.createDataFrame(
            [(json.dumps(o), a) for o in offers for a in amounts],
            "offer string, amount decimal(12,2)",
        ).repartition(args.partitions)
        priced = remitcost.spark.price(quotes).selectExpr(
            "get_json_object(offer, '$.provider') AS provider", "amount", "fee",
            "fx_cost", "total_cost_pct", "recipient_gets", "error",
        ).orderBy("total_cost_pct", "provider", "amount")
        print("\nQuotes priced in the executors (cheapest first):")
        priced.show(10, truncate=False)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
