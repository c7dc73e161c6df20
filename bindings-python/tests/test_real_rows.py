"""Real RPW rows through the installed package: the pre-2016 layout read with no row rejected,
every corridor average equal to the World Bank's published one, and the same rows read from a
workbook in the published layout.

Data (World Bank, CC BY 4.0, "The World Bank: Remittance Prices Worldwide"; copied unchanged in
testdata/worldbank/, see each folder's PROVENANCE.md): rpw-raw/rpw_rows_2011_2012.csv (10,816
rows, 2011_1Q-2012_3Q) and rpw-databank/corridor_average_total_cost.csv (DataBank series
ATCR.CORR, exported as float32)."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import numpy as np
import openpyxl
import pytest

import remitcost as rc
from conftest import REPO

WORLDBANK = REPO / "testdata" / "worldbank"
RAW = WORLDBANK / "rpw-raw" / "rpw_rows_2011_2012.csv"
DATABANK = WORLDBANK / "rpw-databank" / "corridor_average_total_cost.csv"

# The pre-2016 sheet's 41 columns in the published order (testdata/worldbank/rpw_layouts.json).
UP_TO_2016 = json.loads((WORLDBANK / "rpw_layouts.json").read_text(encoding="utf-8"))[
    "Dataset (up to Q1 2016)"]


@pytest.fixture(scope="module")
def data() -> rc.Dataset:
    return rc.read_rpw(RAW)


def published() -> dict[tuple[str, str], Decimal]:
    table = rc.read_corridor_averages(DATABANK).to_table().to_pylist()
    return {(str(r["period"]), r["source_code"] + r["destination_code"]): r["total_cost_pct"]
            for r in table}


def test_the_pre_2016_layout_is_read_with_no_row_rejected(data: rc.Dataset) -> None:
    report = data.report
    assert (report.rows_read, report.rows_kept, report.rows_rejected) == (10_816, 10_816, 0)
    counts = dict(report.counts_by_reason())
    # Counted with the csv module on the same file: 18 USD 500 blocks not offered, CFA in both
    # blocks of 11 Senegal rows, 15 blocks with one blank implied by the other two values.
    assert (counts["not_offered"], counts["unknown_currency"], counts["implied_value"]) == (18, 22, 15)
    assert all(i["severity"] == "warning" for i in report.issues)
    first = data.observations()[0]
    assert (first["product"], first["access_point"], first["coverage"]) == (
        "Cash to account", "Not available", "Nationwide")


def test_every_corridor_average_equals_the_published_one(data: rc.Dataset) -> None:
    grouped = rc.group(data, ["period", "corridor"]).to_table().to_pylist()
    got = {(str(g["period"]), g["corridor"]): g["mean_pct"] for g in grouped}
    periods = {p for p, _ in got}
    want = {k: v for k, v in published().items() if k[0] in periods}
    assert len(want) == 839
    assert sorted(got) == sorted(want)  # the same corridors in each period
    # remitcost's mean (4 places) against the float32 export: within 0.00005 + float32 noise.
    assert all(abs(got[k] - want[k]) <= Decimal("0.00006") for k in want)
    # Exactly: each corridor's exact mean over its transparent services, as a float32, is the
    # exported float32 (recomputed here with the decimal module from the rows remitcost kept).
    sums: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for o in data.observations():
        if o["transparent"] and o["cc1"] is not None:
            sums[(o["period"], o["source_code"] + o["destination_code"])].append(
                Decimal(o["cc1"]["total_cost_pct"]))
    exact = sum(np.float32(str(sum(v) / len(v))) == np.float32(str(want[k]))
                for k, v in sums.items() if k in want)
    assert exact == 839


def workbook_from_real_rows() -> bytes:
    """The real rows in the workbook's pre-2016 sheet (numbers stored as numbers), with the
    sheets the World Bank ships beside it."""
    book = openpyxl.Workbook(write_only=True)
    # Today's sheet with its 42-column header (testdata/rpw/sample.csv's) and no rows.
    today = (REPO / "testdata" / "rpw" / "sample.csv").read_text(encoding="utf-8").splitlines()[0]
    book.create_sheet("Dataset (from Q2 2016)").append(today.split(","))
    sheet = book.create_sheet("Dataset (up to Q1 2016)")
    sheet.append(UP_TO_2016)
    numeric = {c for c in UP_TO_2016 if c == "id" or c == "inter lcu bank fx"
               or (c.startswith("cc") and not c.endswith("lcu code"))}
    with open(RAW, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            row["corridor"] = row["source_code"] + row["destination_code"]
            sheet.append([(float(row[c]) if c in numeric and row.get(c) else row.get(c) or None)
                          for c in UP_TO_2016])
    book.create_sheet("Countries").append(["code", "name"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_workbook_gives_the_csv_figures(data: rc.Dataset, tmp_path: Path) -> None:
    path = tmp_path / "rpw.xlsx"
    path.write_bytes(workbook_from_real_rows())
    for book in (rc.read_rpw(path), rc.read_rpw_xlsx(path), rc.read_rpw(path.read_bytes())):
        assert book.report.rows_kept == 10_816
        assert {i["sheet"] for i in book.report.issues} == {"Dataset (up to Q1 2016)"}
        a = rc.group(book, ["period", "corridor"]).to_table().to_pylist()
        b = rc.group(data, ["period", "corridor"]).to_table().to_pylist()
        assert a == b


def test_read_rpw_picks_the_reader_by_file_type(tmp_path: Path) -> None:
    sample = REPO / "testdata" / "rpw" / "sample.csv"
    as_json = tmp_path / "sample.json"
    with open(sample, newline="", encoding="utf-8") as f:
        as_json.write_text(json.dumps(list(csv.DictReader(f))))
    for source in (sample, str(sample), sample.read_bytes(), as_json, as_json.read_bytes()):
        assert rc.read_rpw(source).report.rows_kept == 58
    assert rc.read_rpw(sample.read_bytes(), format="csv").report.rows_kept == 58
    # The older names keep working.
    assert rc.read_rpw_csv(sample).report.rows_kept == rc.read_rpw_json(as_json).report.rows_kept
    with pytest.raises(rc.RemitError) as info:
        rc.read_rpw(tmp_path / "rows.parquet")
    assert info.value.code == "unsupported_format"
    with pytest.raises(rc.RemitError) as info:
        rc.read_rpw(b"id,period", format="ods")
    assert info.value.code == "unsupported_format"
    with pytest.raises(rc.RemitError) as info:
        rc.read_rpw_xlsx(sample)
    assert info.value.code == "invalid_xlsx"


def test_the_new_dimensions_group(data: rc.Dataset) -> None:
    by_product = rc.group(data, ["product"]).to_table().to_pylist()
    products = {g["product"] for g in by_product}
    assert {"Cash to cash", "Account to account", "Online service"} <= products
    # The counts are of transparent services with a USD 200 price, as any grouping's.
    kept = [o for o in data.observations() if o["transparent"] and o["cc1"] is not None]
    assert sum(g["count"] for g in by_product) == len(kept)
    coverage = {g["coverage"] for g in rc.group(data, ["coverage"]).to_table().to_pylist()}
    assert "Nationwide" in coverage
    methods = rc.group(data, ["pickup_method"]).to_table().to_pylist()
    assert sum(g["count"] for g in methods) == len(kept)
