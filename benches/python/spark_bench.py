"""Rows per second per core: remitcost inside Spark (local mode) against the single-process
Arrow batch API, on synthetic data, for the two distributed paths:

  indicators  1M synthetic RPW rows (400 corridors x 8 quarters, ~30 firms, decimal128 costs)
              aggregated into the RPW indicators: single process, `Partial.add_batch` over the
              Arrow batches then `indicators()`; Spark, `remitcost.spark.indicators(df)` (one
              partial state per partition in the executors, `treeReduce`, finish on the driver);
  pricing     1M quotes (200 distinct offers as JSON x amounts) priced: single process,
              `remitcost.batch.cost_batch` over the Arrow batches; Spark,
              `remitcost.spark.price(df)` written to Spark's `noop` sink (forces every row).

Spark reads the rows from Parquet files written beforehand (not timed), as a cluster would;
its time includes reading them and moving them to the Python workers through Arrow. Each
figure is one run after a warm-up of the JVM on the same job; both paths check that Spark's
result equals the single-process one. Per core = rows / s / cores used (1 for the single
process; the local[N] cores for Spark).

    python benches/python/spark_bench.py [--rows 1000000] [--cores 2] [--partitions 8]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from decimal import Decimal
from typing import Any, Callable

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

import remitcost as rc
import remitcost.batch
import remitcost.spark

SPEEDS = ["Less than one hour", "Same day", "Next day", "2-5 days", "More than 5 days"]
TYPES = ["Bank", "Money Transfer Operator", "Post office", "Mobile operator"]


def rpw_rows(n: int, seed: int = 7) -> pa.Table:
    """Synthetic RPW rows in the columns of `Dataset.to_arrow()` (the ones aggregation reads)."""
    rng = np.random.default_rng(seed)
    src = [f"S{i:02d}" for i in range(20)]
    dst = [f"D{i:02d}" for i in range(20)]
    periods = [f"{2020 + q // 4}_{q % 4 + 1}Q" for q in range(8)]
    firms = [f"Firm {i:02d}" for i in range(30)]
    s, d = rng.integers(0, 20, n), rng.integers(0, 20, n)
    take = lambda values, idx: pa.array(values).take(pa.array(idx))  # noqa: E731
    cost = rng.integers(-5_000, 150_000, n)  # -0.5000 .. 14.9999 %
    return pa.table({
        "row": pa.array(np.arange(2, n + 2), pa.int64()),
        "period": take(periods, rng.integers(0, 8, n)),
        "source_code": take(src, s),
        "source_name": take([f"Sending {c}" for c in src], s),
        "source_region": take(["North", "South"], s % 2),
        "destination_code": take(dst, d),
        "destination_name": take([f"Receiving {c}" for c in dst], d),
        "destination_region": take(["East", "West", "Centre"], d % 3),
        "firm": take(firms, rng.integers(0, 30, n)),
        "firm_type": take(TYPES, rng.integers(0, 4, n)),
        "instrument": take(["Cash", "Bank account", "Mobile money"], rng.integers(0, 3, n)),
        "access_point": take(["Agent", "Bank branch", "Online"], rng.integers(0, 3, n)),
        "speed": take(SPEEDS, rng.integers(0, 5, n)),
        "transparent": pa.array(rng.random(n) < 0.9),
        "cc1_total_cost_pct": pa.array(
            [Decimal(int(c)).scaleb(-4) for c in cost], pa.decimal128(10, 4)
        ),
    })


def quotes(n: int, offers: int = 200, seed: int = 11) -> pa.Table:
    """`n` quotes: one of `offers` offer documents (EUR -> XOF, fixed + % fee, rate 640-649)
    and an amount of 10.00 to 2000.00 EUR."""
    rng = np.random.default_rng(seed)
    docs = [json.dumps({
        "provider": f"Provider {i}", "send_currency": "EUR", "receive_currency": "XOF",
        "schedule": {"parts": [{"fixed": f"{1 + i % 5}.90", "pct": f"0.{i % 10}"}],
                     "max_amount": "5000"},
        "offered_rate": {"base": "EUR", "quote": "XOF", "value": str(640 + i % 10)},
        "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"},
    }) for i in range(offers)]
    cents = rng.integers(1_000, 200_000, n)
    return pa.table({
        "quote_id": pa.array(np.arange(n), pa.int64()),
        "offer": pa.array(docs).take(pa.array(rng.integers(0, offers, n))),
        "amount": pa.array([Decimal(int(c)).scaleb(-2) for c in cents], pa.decimal128(12, 2)),
    })


def timed(f: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = f()
    return time.perf_counter() - start, out


def report(name: str, rows: int, seconds: float, cores: int) -> float:
    per_core = rows / seconds / cores
    print(f"  {name:<34} {seconds:8.2f} s  {rows / seconds:>12,.0f} rows/s  "
          f"{per_core:>12,.0f} rows/s/core  ({cores} core{'s' if cores > 1 else ''})")
    return per_core


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()
    n, batch_rows = args.rows, 65_536

    print(f"generating {n:,} RPW rows and {n:,} quotes ...")
    rows, quote_table = rpw_rows(n), quotes(n)

    print("\nsingle process (Arrow batch API, 1 core):")
    def one_process_indicators() -> Any:
        state = rc.Partial()
        for b in rows.to_batches(max_chunksize=batch_rows):
            state.add_batch(b)
        return state.indicators()
    t, single_ind = timed(one_process_indicators)
    single_ind_core = report("indicators (Partial.add_batch)", n, t, 1)
    def one_process_price() -> int:
        priced = 0
        for b in quote_table.to_batches(max_chunksize=batch_rows):
            priced += remitcost.batch.cost_batch(b).num_rows
        return priced
    t, priced = timed(one_process_price)
    assert priced == n
    single_price_core = report("pricing (cost_batch)", n, t, 1)

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .appName("remitcost-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.memory", "4g")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch_rows))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    with tempfile.TemporaryDirectory() as tmp:
        pq.write_table(rows, f"{tmp}/rows.parquet", row_group_size=batch_rows)
        pq.write_table(quote_table, f"{tmp}/quotes.parquet", row_group_size=batch_rows)
        df_rows = spark.read.parquet(f"{tmp}/rows.parquet").repartition(args.partitions).cache()
        df_quotes = spark.read.parquet(f"{tmp}/quotes.parquet").repartition(args.partitions).cache()
        df_rows.count(), df_quotes.count()  # materialise the partitions (not timed)

        print(f"\nSpark local[{args.cores}], {args.partitions} partitions "
              f"(pyspark {__import__('pyspark').__version__}):")
        # Spark's own floor: the same rows moved to the Python workers through Arrow and
        # only counted there (what any Python code in mapInArrow pays before its work).
        def count_only(batches: Any) -> Any:
            yield pa.RecordBatch.from_pydict({"n": [sum(b.num_rows for b in batches)]})
        df_rows.mapInArrow(count_only, "n long").collect()
        t, counted = timed(lambda: df_rows.mapInArrow(count_only, "n long").collect())
        assert sum(r.n for r in counted) == n
        report("floor: rows to Python, counted", n, t, args.cores)
        remitcost.spark.indicators(df_rows)  # warm-up: JVM, Python workers
        t, spark_ind = timed(lambda: remitcost.spark.indicators(df_rows))
        spark_ind_core = report("indicators (spark.indicators)", n, t, args.cores)
        same = json.dumps(spark_ind.to_dict(), default=str) == json.dumps(
            single_ind.to_dict(), default=str)
        assert same, "Spark's indicators differ from the single-process ones"

        remitcost.spark.price(df_quotes).write.format("noop").mode("overwrite").save()
        t, _ = timed(lambda: remitcost.spark.price(df_quotes).write.format("noop")
                     .mode("overwrite").save())
        spark_price_core = report("pricing (spark.price -> noop)", n, t, args.cores)
        check = remitcost.spark.price(df_quotes.filter("quote_id < 1000")).orderBy(
            "quote_id").select("total_cost_pct").collect()
        first = remitcost.batch.cost_batch(quote_table.slice(0, 1000)).column("total_cost_pct")
        assert [r.total_cost_pct for r in check] == first.to_pylist()
    spark.stop()

    print("\nSpark per core / single process per core: "
          f"indicators {spark_ind_core / single_ind_core:.2f}, "
          f"pricing {spark_price_core / single_price_core:.2f}; "
          "results identical to the last digit")


if __name__ == "__main__":
    main()
