"""Grouping by any column of the dataset (issue 11), on the World Bank's real 2011-2012 rows
(pre-2016 layout) and the synthetic sample (today's layout); counts tallied here with `csv`."""

from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal

import pytest

import remitcost as rc
from conftest import REPO

REAL = REPO / "testdata" / "worldbank" / "rpw-raw" / "rpw_rows_2011_2012.csv"
SAMPLE = REPO / "testdata" / "rpw" / "sample.csv"


def _tally(path, column: str) -> dict[str, int]:
    """Transparent rows priced at USD 200, by the text of `column` (what `group` counts)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return dict(Counter(r[column].strip() for r in rows
                        if r["transparent"] == "yes" and r["cc1 total cost %"]))


def _counts(data, dims) -> dict[str, int]:
    return {"|".join(g["key"]): g["count"] for g in rc.group(data, dims).to_dict()["groups"]}


def test_columns_of_the_pre_2016_layout() -> None:
    data = rc.read_rpw_csv(REAL)
    assert _counts(data, ["note1"]) == _tally(REAL, "note1")
    # `cc1 lcu code` as published: `CFA` stays `CFA` (the reader reads it as XOF).
    codes = _counts(data, ["cc1 lcu code"])
    assert codes == _tally(REAL, "cc1 lcu code") and codes["CFA"] > 0
    assert _counts(data, ["firm"]) == _tally(REAL, "firm")
    # A published header that is a named dimension, in any spelling.
    assert _counts(data, ["Pick-up Method"]) == _counts(data, ["pickup_method"])


def test_columns_of_todays_layout_and_the_grouping_names_them() -> None:
    g = rc.group(SAMPLE, ["period", "Standard Note"])
    assert g.dimensions == ["period", "Standard Note"]
    assert g.to_table().column_names[:3] == ["period", "Standard Note", "count"]
    assert _counts(SAMPLE, ["standard_note"]) == _tally(SAMPLE, "Standard Note")
    assert _counts(SAMPLE, ["pickup location"]) == _tally(SAMPLE, "pickup location")


def test_a_number_column_groups_by_value() -> None:
    groups = rc.group(REAL, ["cc1 denomination amount"]).to_dict()["groups"]
    by_value: Counter[Decimal] = Counter()
    for text, n in _tally(REAL, "cc1 denomination amount").items():
        by_value[Decimal(text)] += n  # "200" and "200.0" are one value
    assert {Decimal(g["key"][0]): g["count"] for g in groups} == dict(by_value)
    assert all("." not in g["key"][0] for g in groups)  # shown without trailing zeros


def test_an_unknown_column_raises_naming_it() -> None:
    with pytest.raises(rc.RemitError) as err:
        rc.group(REAL, ["period", "Standard Note"])
    assert err.value.code == "unknown_column"
    assert "Standard Note" in str(err.value)
    with pytest.raises(rc.RemitError) as err:
        rc.Partial(["nope"]).add(rc.read_rpw_csv(SAMPLE))
    assert err.value.code == "unknown_column"
