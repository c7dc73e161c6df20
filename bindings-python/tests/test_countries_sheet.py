"""The workbook's "Countries" sheet read as a classification table (`read_countries_xlsx`):
a sheet made of the World Bank's "List of economies" (testdata/worldbank/wb-classification
CLASS_FY24.csv, CC BY 4.0) classifies the real 2011-2012 rows as the bundled FY24 table does.
"""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

import remitcost as rc
from conftest import REPO

WORLDBANK = REPO / "testdata" / "worldbank"
CLASS = WORLDBANK / "wb-classification" / "CLASS_FY24.csv"
RAW = WORLDBANK / "rpw-raw" / "rpw_rows_2011_2012.csv"


def workbook(rows: list[list[str | None]], sheet: str = "Countries") -> bytes:
    book = openpyxl.Workbook(write_only=True)
    out = book.create_sheet(sheet)
    for row in rows:
        out.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def class_fy24() -> bytes:
    """CLASS_FY24.csv as a sheet, and the Netherlands Antilles (dissolved in 2010, not in the
    FY24 list; in the bundled table from the income history), a receiving country of the real
    rows: without it, its rows would be left unclassified."""
    with open(CLASS, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.reader(f) if any(r)]
    rows.append(["Netherlands Antilles (former)", "ANT"])
    return workbook([[c or None for c in r] for r in rows])


def test_the_list_of_economies_classifies_the_real_rows_as_the_bundled_table() -> None:
    sheet = rc.read_countries_xlsx(class_fy24())
    assert sheet.report.is_clean(), str(sheet.report)
    # 218 economies, the aggregates and ANT
    assert len(sheet) == sheet.report.rows_kept == 267
    table = json.loads(sheet.countries)
    assert table["vintage"] == "workbook"
    pak = next(c for c in table["countries"] if c["code"] == "PAK")
    assert (pak["region"], pak["income"]) == ("South Asia", "Lower middle income")
    # With each table's own income groups (the sheet has no history), the same figures by
    # region and income group. The list has no G8/G20 column: no G20 sending average.
    ours = rc.published_indicators(RAW, countries=sheet.countries, income_vintage="table")
    bundled = rc.published_indicators(RAW, income_vintage="table").to_dict()
    g20 = ("g20_average_pct", "g20_services")
    for period in ours.to_dict()["periods"]:
        assert (period["g20_average_pct"], period["g20_services"]) == (None, 0)
    strip = [{k: v for k, v in p.items() if k not in g20} for p in bundled["periods"]]
    assert [{k: v for k, v in p.items() if k not in g20}
            for p in ours.to_dict()["periods"]] == strip
    assert ours.to_dict()["annual"] == bundled["annual"]


def test_other_columns_and_bad_rows_are_reported() -> None:
    sheet = rc.read_countries_xlsx(workbook([
        ["Code", "Economy", "Region", "Remarks"],
        ["SEN", "Senegal", "Sub-Saharan Africa", "x"],
        ["FR", "France", "Europe & Central Asia", None],
    ]))
    report = sheet.report
    assert report.extra_columns == ["Remarks"]
    assert [(i["sheet"], i["row"], i["field"], i["reason"], i["severity"])
            for i in report.issues] == [
        ("Countries", 1, "Remarks", "ignored_column", "warning"),
        ("Countries", 3, "Code", "bad_country_code", "error"),
    ]
    assert len(sheet) == 1


def test_a_workbook_without_the_sheet_or_its_code_column_raises() -> None:
    with pytest.raises(rc.RemitError) as info:
        rc.read_countries_xlsx(workbook([["code", "region"]], sheet="Dataset (from Q2 2016)"))
    assert info.value.code == "invalid_xlsx"
    with pytest.raises(rc.RemitError) as info:
        rc.read_countries_xlsx(workbook([["Economy", "Region"], ["Senegal", "x"]]))
    assert info.value.code == "missing_column"
