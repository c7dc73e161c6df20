"""Builds core/data/countries_fy24.json, the country table bundled with remitcost (cargo feature
`countries`), from the World Bank files beside this script, and countries_fy26.json beside it
(the classification of 1 July 2025, from WDICountry_FY26.csv: not bundled, for a caller to pass
with `Countries::from_json`). Run from the repository root:

    python3 testdata/worldbank/wb-classification/make_countries.py

- name, region, income group, lending category: CLASS_FY24.csv (classification of 1 July 2023);
- income group of every fiscal year FY89-FY26: OGHIST_FY26_income_history.csv (economies that
  no longer exist, such as the Netherlands Antilles, ANT, come only from here, with no region);
- G8 and G20 membership: not in these files; see PROVENANCE.md for the sources.
"""
import csv
import json
import pathlib

HERE = pathlib.Path(__file__).parent
OUT = HERE.parent.parent.parent / "core" / "data" / "countries_fy24.json"
OUT_FY26 = HERE / "countries_fy26.json"

# The G20's members (19 countries and the European Union; the African Union joined in 2023):
# https://www.g20.org/en/about-the-g20 ; the G8 (the G7 and Russia, suspended in March 2014).
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
G8 = "CAN FRA DEU ITA JPN RUS GBR USA".split()
# OGHIST's codes, kept as they are (remitcost names them: L Low income, LM Lower middle income,
# UM Upper middle income, H High income); `LM*` (a footnoted LM) is LM; `..` and blank: none.
INCOME = {"L": "L", "LM": "LM", "LM*": "LM", "UM": "UM", "H": "H"}


def read_class_fy24():
    """name, region, income, lending of each economy, from CLASS_FY24.csv."""
    countries = {}
    with open(HERE / "CLASS_FY24.csv", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if not row["Region"]:
                continue  # an aggregate (WLD, EAS, ...), not an economy
            countries[row["Code"]] = {
                "name": row["Economy"], "region": row["Region"],
                "income": row["Income group"] or None, "lending": row["Lending category"] or None,
            }
    return countries


def read_wdi_fy26():
    """The same columns from the WDI country table of FY26 (`Table Name` as the name)."""
    countries = {}
    with open(HERE / "WDICountry_FY26.csv", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if not row["Region"]:
                continue  # an aggregate
            countries[row["Country Code"]] = {
                "name": row["Table Name"], "region": row["Region"],
                "income": row["Income Group"] or None, "lending": row["Lending category"] or None,
            }
    return countries


def main():
    write(read_class_fy24(), "FY24", "classification of 1 July 2023 (FY24)", OUT)
    write(read_wdi_fy26(), "FY26", "classification of 1 July 2025 (FY26, WDI country table)",
          OUT_FY26)


def write(countries, vintage, what, out):
    history = {}
    names = {}
    with open(HERE / "OGHIST_FY26_income_history.csv", encoding="utf-8-sig") as f:
        rows = csv.DictReader(f)
        years = [k for k in rows.fieldnames if k.startswith("FY")]
        for row in rows:
            names[row["Code"]] = row["Economy"]
            history[row["Code"]] = ",".join(INCOME.get(row[y], "") for y in years)
    for code, name in names.items():
        if code not in countries and len(code) == 3:
            countries[code] = {"name": name, "region": None, "income": None, "lending": None}
    table = {
        "vintage": vintage,
        "source": f"World Bank Country and Lending Groups, {what}, "
                  "and the income history OGHIST FY89-FY26; G8/G20 membership from the G20",
        "history_from": int(years[0][2:]) + (1900 if int(years[0][2:]) > 50 else 2000),
        "countries": [
            dict(code=code, **c, g8=code in G8, g20=code in G20, income_history=history.get(code, ""))
            for code, c in sorted(countries.items())
        ],
    }
    out.parent.mkdir(exist_ok=True)
    out.write_text(render(table), encoding="utf-8")


def render(table):
    """One country a line: small, and a diff shows what a new vintage changed."""
    head = {k: v for k, v in table.items() if k != "countries"}
    lines = [json.dumps(c, ensure_ascii=False) for c in table["countries"]]
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "countries": [\n'
    return text + ",\n".join(lines) + "\n]}\n"


if __name__ == "__main__":
    main()
