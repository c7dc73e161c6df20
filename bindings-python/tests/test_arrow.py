"""Arrow at the boundary: any Arrow producer in through the Arrow PyCapsule interface
(pyarrow, polars, duckdb, pandas with Arrow dtypes, never converted in user code), result
tables out without a copy into pyarrow, polars and duckdb, the same figures every way."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

import remitcost as rc
from conftest import REPO

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")

SAMPLE = REPO / "testdata" / "rpw" / "sample.csv"


def _offer(fixed: str, offered: str, max_amount: str = "3000") -> str:
    return json.dumps({
        "provider": "Atlas", "send_currency": "EUR", "receive_currency": "XOF",
        "schedule": {"parts": [{"fixed": fixed}], "max_amount": max_amount},
        "offered_rate": {"base": "EUR", "quote": "XOF", "value": offered},
        "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"},
    })


OFFERS = [_offer("4.90", "645"), _offer("12", "650.1", "1000")]
AMOUNTS = ["25", "200.50", "999.99", "2500"]


def _quotes() -> Any:
    """One quote per (offer, amount), as pyarrow: an `offer` JSON column and a decimal amount."""
    return pa.table({
        "offer": pa.array([o for o in OFFERS for _ in AMOUNTS], pa.string()),
        "amount": pa.array([Decimal(a) for _ in OFFERS for a in AMOUNTS], pa.decimal128(12, 2)),
    })


def test_cost_columns_prices_polars_and_duckdb_frames_as_they_are() -> None:
    expected = rc.cost_columns(_quotes()).to_pylist()
    assert expected[0]["total_cost"] == Decimal("5.32") and expected[-1]["error"] == "amount_out_of_range"
    frame = pl.DataFrame({
        "offer": [o for o in OFFERS for _ in AMOUNTS],
        "amount": pl.Series([Decimal(a) for _ in OFFERS for a in AMOUNTS], dtype=pl.Decimal(12, 2)),
    })
    assert rc.cost_columns(frame).to_pylist() == expected  # strings as utf8_view, no pyarrow call
    quotes = _quotes()
    relation = duckdb.sql("select offer, amount from quotes")
    assert rc.cost_columns(relation).to_pylist() == expected
    # pandas with Arrow dtypes, and text amounts
    pandas_frame = quotes.to_pandas(types_mapper=pd_arrow_dtype())
    assert rc.cost_columns(pandas_frame).to_pylist() == expected
    text = pl.DataFrame({"offer": frame["offer"], "amount": [a for _ in OFFERS for a in AMOUNTS]})
    assert rc.cost_columns(text).to_pylist() == expected


def pd_arrow_dtype() -> Any:
    pd = pytest.importorskip("pandas")
    return pd.ArrowDtype


def test_tables_go_out_without_a_copy() -> None:
    table = rc.cost_table([rc.Offer.from_dict(OFFERS[0])], [Decimal("200"), Decimal("50.5")])
    first, second = pa.table(table), pa.table(table)
    buffer = lambda t: t.column("total_cost").chunk(0).buffers()[1].address  # noqa: E731
    assert buffer(first) == buffer(second)  # both views of the one buffer built in Rust
    assert first.schema.field("total_cost").type == pa.decimal128(38, 2)  # EUR cents
    assert pa.types.is_dictionary(first.schema.field("provider").type)
    assert first.equals(table.to_arrow())
    frame = pl.DataFrame(table)
    assert frame["total_cost_pct"].to_list() == table.column("total_cost_pct")
    assert frame["provider"].to_list() == ["Atlas", "Atlas"]
    assert table.to_polars().equals(frame)
    costs = table
    assert duckdb.sql("select sum(total_cost) from costs").fetchall() == [(sum(table.column("total_cost")),)]


def test_amount_columns_from_any_arrow_array() -> None:
    offer = rc.Offer.from_dict(OFFERS[0])
    expected = rc.cost_table([offer], [Decimal("25"), Decimal("200.50")]).to_pylist()
    dec = pa.decimal128(10, 2)
    chunked = pa.chunked_array([pa.array([Decimal("25")], dec), pa.array([Decimal("200.50")], dec)])
    for column in (chunked, pl.Series([Decimal("25"), Decimal("200.50")]), pl.Series(["25", "200.50"])):
        got = rc.cost_table([offer], column).to_pylist()
        assert [r["total_cost"] for r in got] == [r["total_cost"] for r in expected]
    with pytest.raises(rc.RemitError) as info:
        rc.cost_table([offer], pa.array([Decimal("1"), None]))
    assert info.value.code == "invalid_decimal"


def test_partials_fed_by_polars_duckdb_and_pandas_equal_the_one_pass_indicators() -> None:
    data = rc.read_rpw_csv(SAMPLE)
    expected = json.dumps(rc.indicators(data).to_dict(), default=str, sort_keys=True)
    rows = data.to_arrow()
    frame = pl.DataFrame(data.to_table())
    sources = [
        frame,  # polars: utf8_view text
        duckdb.sql("select * from rows"),  # duckdb relation
        rows.to_pandas(types_mapper=pd_arrow_dtype()),  # pandas with Arrow dtypes
        rows.to_batches(max_chunksize=7)[0],  # a single pyarrow RecordBatch
    ]
    for source in sources[:3]:
        state = rc.Partial()
        state.add_batch(source)
        got = json.dumps(state.indicators().to_dict(), default=str, sort_keys=True)
        assert got == expected, type(source)
    small = rc.Partial()
    small.add_batch(sources[3])
    assert len(small) > 0


def test_what_is_not_arrow_or_lacks_a_column_is_refused() -> None:
    with pytest.raises(TypeError):
        rc.cost_columns({"offer": OFFERS, "amount": [1, 2]})
    with pytest.raises(rc.RemitError) as info:
        rc.cost_columns(pl.DataFrame({"offer": OFFERS}))
    assert info.value.code == "missing_column"
    state = rc.Partial()
    with pytest.raises(rc.RemitError) as info:
        state.add_batch(pl.DataFrame({"period": ["2016_1Q"]}))
    assert info.value.code == "missing_column"
