"""A `Dataset` keeps its rows coded as columns (core's `Framed`) after the first aggregation:
every answer through it equals the row path's, which observation dicts take (they are never
coded), on the World Bank's real 2011-2012 rows."""

from __future__ import annotations

import pytest

import remitcost as rc
from conftest import REPO

REAL = REPO / "testdata" / "worldbank" / "rpw-raw" / "rpw_rows_2011_2012.csv"

GROUPINGS = [
    ["period", "corridor"],
    ["destination_region", "firm_type", "period"],
    ["firm"],
    ["note1", "speed"],
    # Columns the frame does not hold: the rows answer.
    ["cc1 lcu code"],
    ["id"],
]


@pytest.fixture(scope="module")
def real() -> tuple[rc.Dataset, list]:
    data = rc.read_rpw_csv(REAL)
    return data, data.observations()


@pytest.mark.parametrize("dims", GROUPINGS, ids="|".join)
def test_group_through_the_kept_frame_equals_the_rows(real, dims) -> None:
    data, rows = real
    want = rc.group(rows, dims).to_dict()
    assert rc.group(data, dims).to_dict() == want
    assert rc.group(data, dims).to_dict() == want  # the second call reuses the frame


def test_indicators_and_partials_through_the_kept_frame_equal_the_rows(real) -> None:
    data, rows = real
    options = {"amount": "usd500", "include_non_transparent": True}
    assert rc.indicators(data, options=options).to_dict() == rc.indicators(rows, options=options).to_dict()
    for dims in (None, ["firm", "period"], ["id"]):
        framed, plain = rc.Partial(dims), rc.Partial(dims)
        framed.add(data)
        plain.add(rows)
        assert framed.to_bytes() == plain.to_bytes()


def test_arrow_batches_aggregate_as_the_dataset(real) -> None:
    data, _ = real
    table = data.to_arrow()
    for dims in (["period", "corridor"], ["firm"]):
        p = rc.Partial(dims)
        for batch in table.to_batches(max_chunksize=3000):
            p.add_batch(batch)
        assert p.grouping().to_dict() == rc.group(data, dims).to_dict()
