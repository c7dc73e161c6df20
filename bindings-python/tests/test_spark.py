"""remitcost scaled out: PySpark in local mode and Polars, on the bundled RPW sample split into
several partitions, give exactly the single-machine results (compared as JSON text, every
digit). Skipped only when pyspark cannot be imported (`.ci/spark.sh` installs it); the Polars
tests need only polars."""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal
from typing import Any, Iterator

import pytest

import remitcost
import remitcost.batch
import remitcost.polars
import remitcost.spark
from conftest import REPO

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")

SAMPLE = REPO / "testdata" / "rpw" / "sample.csv"


def _text(value: Any) -> str:
    return json.dumps(value.to_dict(), default=str, sort_keys=True)


def _offer(provider: str, fixed: str, pct: str, offered: str, max_amount: str = "3000") -> str:
    return json.dumps({
        "provider": provider, "send_currency": "EUR", "receive_currency": "XOF",
        "schedule": {"parts": [{"fixed": fixed, "pct": pct}], "max_amount": max_amount},
        "offered_rate": {"base": "EUR", "quote": "XOF", "value": offered},
        "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"},
    })


OFFERS = [
    _offer("Atlas Transfers", "4.90", "0", "645"),
    _offer("Banque Exemple", "12", "0.5", "650.1"),
    _offer("Mobile Pay", "0", "1.25", "648.75", "1000"),
]
AMOUNTS = [Decimal("25"), Decimal("100"), Decimal("200.50"), Decimal("999.99"), Decimal("2500")]


def _quotes() -> Any:
    """One quote per (offer, amount): an `offer` JSON column and a `decimal128` amount."""
    offers = [o for o in OFFERS for _ in AMOUNTS]
    amounts = [a for _ in OFFERS for a in AMOUNTS]
    return pa.table({
        "quote_id": pa.array(range(len(offers)), pa.int64()),
        "offer": pa.array(offers, pa.string()),
        "amount": pa.array(amounts, pa.decimal128(12, 2)),
    })


def _single_machine_costs() -> list[dict[str, Any]]:
    """The same quotes priced by the single-process batch API."""
    return list(remitcost.cost_table(OFFERS, AMOUNTS).to_pylist())


def _assert_costs_equal(rows: list[dict[str, Any]]) -> None:
    expected = _single_machine_costs()
    assert len(rows) == len(expected) == len(OFFERS) * len(AMOUNTS)
    priced = errors = 0
    for row in sorted(rows, key=lambda r: r["quote_id"]):
        want = expected[row["quote_id"]]
        for name in remitcost.batch.COST_COLUMNS:
            got = row[name]
            # Same value to the last digit (the distributed column may carry more trailing
            # zeros: its scale is fixed for every batch).
            assert got == want[name], (row["quote_id"], name, got, want[name])
            if isinstance(got, Decimal):
                assert got.normalize() == want[name].normalize()
        priced += row["error"] is None
        errors += row["error"] is not None
    # Both outcomes are exercised: priced quotes, and quotes outside an offer's limits.
    assert priced > 0 and errors > 0
    assert {r["error"] for r in rows} == {None, "amount_out_of_range"}


def _rpw_table() -> Any:
    # Text as `string` (what Spark's Arrow exchange uses: no dictionaries), decimals as
    # `decimal128`.
    table = remitcost.read_rpw_csv(SAMPLE).to_arrow()
    text = (pa.types.is_large_string, pa.types.is_dictionary)
    return table.cast(pa.schema([
        pa.field(f.name, pa.string() if any(t(f.type) for t in text) else f.type)
        for f in table.schema
    ]))


# ---------------------------------------------------------------------------------------------
# The Arrow batch entry points themselves.


def test_cost_batch_appends_fixed_scale_decimal_columns() -> None:
    batch = _quotes().to_batches()[0]
    out = remitcost.batch.cost_batch(batch)
    assert out.schema.names == batch.schema.names + list(remitcost.batch.COST_COLUMNS)
    assert out.schema.field("total_cost_pct").type == pa.decimal128(38, 4)
    assert out.schema.field("effective_rate").type == pa.decimal128(38, 6)
    assert out.schema.field("fee").type == pa.decimal128(38, 4)
    _assert_costs_equal(out.to_pylist())


def test_partial_batches_of_any_size_merge_into_the_one_pass_indicators() -> None:
    table = _rpw_table()
    one_pass = _text(remitcost.indicators(SAMPLE))
    for size in (1, 5, 13, 1000):
        states = [
            next(remitcost.batch.partial_batches([b])).column("partial")[0].as_py()
            for b in table.to_batches(max_chunksize=size)
        ]
        merged = remitcost.batch.merge(reversed(states))
        assert _text(merged.indicators()) == one_pass
    dims = ["period", "destination_region", "firm_type"]
    [state] = remitcost.batch.partial_batches(table.to_batches(max_chunksize=9), dims)
    merged = remitcost.batch.merge([state.column("partial")[0].as_py()])
    assert _text(merged.grouping()) == _text(remitcost.group(SAMPLE, dims))


def test_a_sliced_batch_with_nulls_reads_only_its_rows() -> None:
    """A batch is often a zero-copy slice of a larger array (an offset into shared buffers),
    and a missing cost is a null: both read as the rows they are."""
    table = _rpw_table()
    costs = table.column("cc1_total_cost_pct").to_pylist()
    costs[12] = None  # one row without a price
    nulled = table.set_column(
        table.schema.get_field_index("cc1_total_cost_pct"), "cc1_total_cost_pct",
        pa.array(costs, table.schema.field("cc1_total_cost_pct").type),
    )
    part = nulled.slice(10, 30).combine_chunks().to_batches()[0]
    assert part.column("firm").offset == part.column("cc1_total_cost_pct").offset == 10
    state = remitcost.Partial()
    state.add_batch(part)
    data = remitcost.read_rpw_csv(SAMPLE)
    rows = data.observations()[10:40]
    rows[2]["cc1"] = None
    assert _text(state.indicators()) == _text(remitcost.indicators(rows))
    assert state.left_out["unpriced"] == 1


def test_a_partial_pickles_and_refuses_a_foreign_state() -> None:
    import pickle

    p = remitcost.Partial()
    p.add(SAMPLE)
    back = pickle.loads(pickle.dumps(p))
    assert _text(back.indicators()) == _text(p.indicators())
    with pytest.raises(remitcost.RemitError) as err:
        p.merge(remitcost.Partial(["period"]))
    assert err.value.code == "incompatible"
    with pytest.raises(remitcost.RemitError) as err:
        remitcost.Partial.from_bytes(b'{"dimensions": []}')
    assert err.value.code == "invalid_json"


# ---------------------------------------------------------------------------------------------
# Polars.


def test_polars_indicators_and_groups_equal_the_single_machine_ones() -> None:
    lf = pl.from_arrow(_rpw_table()).lazy()
    for rows in (4, 17):
        got = remitcost.polars.indicators(lf, batch_rows=rows)
        assert _text(got) == _text(remitcost.indicators(SAMPLE))
    options = {"amount": "usd500", "smart_min_services": 2}
    got = remitcost.polars.indicators(lf, options=options, batch_rows=6)
    assert _text(got) == _text(remitcost.indicators(SAMPLE, options=options))
    dims = ["corridor", "firm_type"]
    assert _text(remitcost.polars.group(lf, dims, batch_rows=5)) == _text(
        remitcost.group(SAMPLE, dims)
    )


def test_polars_prices_a_lazy_frame_of_quotes() -> None:
    lf = pl.from_arrow(_quotes()).lazy()
    out = remitcost.polars.price(lf).collect()
    assert out.schema["total_cost_pct"] == pl.Decimal(38, 4)
    _assert_costs_equal(out.to_dicts())


# ---------------------------------------------------------------------------------------------
# PySpark, local mode.


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="pyspark is not installed (.ci/spark.sh installs it)")
    from pyspark.sql import SparkSession

    # The executors' Python is this one, where remitcost is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("remitcost-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_indicators_over_four_partitions_equal_the_single_machine_ones(spark: Any) -> None:
    df = spark.createDataFrame(_rpw_table()).repartition(4)
    assert df.rdd.getNumPartitions() == 4
    got = remitcost.spark.indicators(df)
    assert _text(got) == _text(remitcost.indicators(SAMPLE))
    assert got.periods and got.left_out == remitcost.indicators(SAMPLE).left_out
    weights = {("FRA", "SEN"): Decimal("3"), ("USA", "MEX"): Decimal("5")}
    options = {"comparison": "at_least", "smart_min_services": 1}
    got = remitcost.spark.indicators(df, options=options, weights=weights)
    one = remitcost.indicators(SAMPLE, options=options, weights=weights)
    assert _text(got) == _text(one)


def test_spark_groups_over_four_partitions_equal_the_single_machine_ones(spark: Any) -> None:
    df = spark.createDataFrame(_rpw_table()).repartition(4)
    for dims in (["period", "destination_region", "firm_type"], ["speed"], []):
        assert _text(remitcost.spark.group(df, dims)) == _text(remitcost.group(SAMPLE, dims))


def test_spark_reads_rpw_as_published(spark: Any) -> None:
    """The published CSV as `spark.read.csv` gives it (RPW's headers, every value text)."""
    df = spark.read.csv(str(SAMPLE), header=True).repartition(3)
    assert "cc1 total cost %" in df.columns
    assert _text(remitcost.spark.indicators(df)) == _text(remitcost.indicators(SAMPLE))


def test_spark_prices_a_dataframe_of_quotes(spark: Any) -> None:
    df = spark.createDataFrame(_quotes()).repartition(4)
    out = remitcost.spark.price(df)
    assert out.schema["total_cost_pct"].dataType.simpleString() == "decimal(38,4)"
    _assert_costs_equal([row.asDict() for row in out.collect()])


def test_spark_is_lazy_and_keeps_the_partitioning(spark: Any) -> None:
    df = spark.createDataFrame(_quotes()).repartition(3)
    out = remitcost.spark.price(df)
    assert out.rdd.getNumPartitions() == 3
    assert out.filter("error IS NULL").count() == sum(
        1 for r in _single_machine_costs() if r["error"] is None
    )
