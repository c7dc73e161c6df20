"""The Python half of benches/side_by_side.sh: remitcost against what a data team would
otherwise use, on one generated data set, in one run.

Pricing: 1,000,000 quotes = 1,000 offers (three corridors: EUR->XOF, GBP->INR, USD->MXN; a
two-band schedule "below the edge: fixed; from the edge: fixed + pct", capped by a maximum fee;
fees on top) x 1,000 amounts (10.00 to ~3,000). Methods:
  remitcost   rc.cost_table(offers, amounts): exact decimals in Rust, all 15 figures;
  pandas      the same formulas over float64 columns (vectorised numpy);
  polars      the same formulas as polars float64 expressions;
  decimal     the same formulas in a pure-Python loop with the standard `decimal` module, on a
              subset, scaled to the full count (said so in the table). It is checked equal to
              remitcost, figure by figure, before anything is timed.
Aggregation: 1,000,000 RPW rows (4 quarters x 350 corridors, total cost % with 4 decimals),
read once by remitcost (not timed), then per period and corridor: count, mean, median, min,
max of the total cost % and SmaRT (the mean of the three cheapest eligible services):
  remitcost   rc.group(dataset, ["period", "corridor"]) on the loaded Dataset (exact), and
              the same from an Arrow table through Partial.add_batch;
  pandas / polars  groupby over a float64 column (SmaRT: eligible = transparent and not
              "More than 5 days", the mean of the three smallest);
  decimal     a pure-Python dict-of-lists loop (statistics.median), on a subset, scaled.
Differences: how many float results differ from the exact ones, as displayed (cents, 4
places) and by a full cent / 0.01 percentage point.

    python benches/side_by_side.py --out DIR [--smoke]

Writes DIR/quotes.json (the offers and amounts, for the JS half) and DIR/python.json (the
figures). --smoke: 1,000 quotes and 1,000 rows, one run each, checks only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from decimal import ROUND_HALF_EVEN, Decimal, getcontext
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

import remitcost as rc

CENT, PCT4, RATE6 = Decimal("0.01"), Decimal("0.0001"), Decimal("0.000001")
# corridor: (send, receive, receive minor units, mid rate)
CORRIDORS = [("EUR", "XOF", 0, "655.957"), ("GBP", "INR", 2, "105.1234"), ("USD", "MXN", 2, "17.2345")]


def offer_terms(i: int) -> dict[str, Any]:
    """The i-th offer's terms, as decimal strings (deterministic)."""
    send, recv, places, mid = CORRIDORS[i % len(CORRIDORS)]
    mid_d = Decimal(mid)
    # offered rate: 0.2% to 4.1% under the mid, 4 decimals
    offered = (mid_d * (1 - Decimal(20 + (i * 37) % 390) / 10000)).quantize(PCT4)
    return {
        "send": send, "recv": recv, "places": places, "mid": mid, "offered": str(offered),
        "edge": str(100 + 50 * (i % 5)),
        "f1": f"{1 + i % 4}.{(i * 7) % 100:02d}",
        "f2": f"{2 + i % 6}.{(i * 13) % 100:02d}",
        "pct": f"0.{(i * 3) % 10}{i % 10}",
        "cap": str(15 + i % 20),
    }


def offer_json(i: int) -> dict[str, Any]:
    t = offer_terms(i)
    return {
        "provider": f"Provider {i}", "send_currency": t["send"], "receive_currency": t["recv"],
        "schedule": {
            "parts": [{"to": t["edge"], "fixed": t["f1"]},
                      {"from": t["edge"], "fixed": t["f2"], "pct": t["pct"]}],
            "max_fee": t["cap"],
        },
        "offered_rate": {"base": t["send"], "quote": t["recv"], "value": t["offered"]},
        "mid_rate": {"base": t["send"], "quote": t["recv"], "value": t["mid"]},
    }


def amount_text(j: int) -> str:
    cents = 1000 + (j * 29989) % 299_000  # 10.00 .. 2999.99, spread
    return f"{cents // 100}.{cents % 100:02d}"


# --- pricing: pure Python decimal ----------------------------------------------------------


def decimal_cost(a: Decimal, t: dict[str, Any]) -> tuple[Decimal, ...]:
    """DESIGN.md's formulas for a capped two-band schedule, fees on top, no taxes."""
    q = lambda x, step: x.quantize(step, rounding=ROUND_HALF_EVEN)  # noqa: E731
    fee = t["f1"] if a < t["edge"] else t["f2"] + a * t["pct"] / 100
    fee = min(fee, t["cap"])
    margin = (t["mid"] - t["offered"]) / t["mid"] * 100
    fx_cost = a * margin / 100
    total = fee + fx_cost
    received = a * t["offered"]
    unit = Decimal(1).scaleb(-t["places"])
    return (q(fee, CENT), q(margin, PCT4), q(fx_cost, CENT), q(total, CENT),
            q(total / a * 100, PCT4), q(received, unit), q(received / (a + fee), RATE6))


DECIMAL_FIELDS = ("fee", "fx_margin_pct", "fx_cost", "total_cost", "total_cost_pct",
                  "recipient_gets", "effective_rate")


def decimal_batch(terms: list[dict[str, Any]], amounts: list[Decimal], limit: int) -> list[tuple]:
    out = []
    for t in terms:
        for a in amounts:
            if len(out) == limit:
                return out
            out.append(decimal_cost(a, t))
    return out


# --- pricing: float64 ----------------------------------------------------------------------


def float_frame(terms: list[dict[str, Any]], amounts: list[Decimal]) -> pd.DataFrame:
    """The 1M quotes as float64 columns (offer terms repeated, amounts tiled)."""
    m = len(amounts)
    col = lambda k: np.repeat(np.array([float(t[k]) for t in terms]), m)  # noqa: E731
    frame = pd.DataFrame({k: col(k) for k in ("offered", "mid", "edge", "f1", "f2", "pct", "cap")})
    frame["places"] = np.repeat(np.array([t["places"] for t in terms]), m)
    frame["amount"] = np.tile(np.array([float(a) for a in amounts]), len(terms))
    return frame


def pandas_price(f: pd.DataFrame) -> pd.DataFrame:
    a = f["amount"]
    fee = np.minimum(np.where(a < f["edge"], f["f1"], f["f2"] + a * f["pct"] / 100), f["cap"])
    margin = (f["mid"] - f["offered"]) / f["mid"] * 100
    fx_cost = a * margin / 100
    total = fee + fx_cost
    received = a * f["offered"]
    return pd.DataFrame({
        "fee": np.round(fee, 2), "fx_margin_pct": margin.round(4), "fx_cost": fx_cost.round(2),
        "total_cost": total.round(2), "total_cost_pct": (total / a * 100).round(4),
        "recipient_gets": np.where(f["places"] == 0, received.round(0), received.round(2)),
        "effective_rate": (received / (a + fee)).round(6),
    })


def polars_price(f: pl.DataFrame) -> pl.DataFrame:
    a = pl.col("amount")
    fee = pl.min_horizontal(
        pl.when(a < pl.col("edge")).then(pl.col("f1")).otherwise(pl.col("f2") + a * pl.col("pct") / 100),
        pl.col("cap"))
    margin = (pl.col("mid") - pl.col("offered")) / pl.col("mid") * 100
    received = a * pl.col("offered")
    return f.select(
        fee.round(2).alias("fee"), margin.round(4).alias("fx_margin_pct"),
        (a * margin / 100).round(2).alias("fx_cost"),
        (fee + a * margin / 100).round(2).alias("total_cost"),
        ((fee + a * margin / 100) / a * 100).round(4).alias("total_cost_pct"),
        pl.when(pl.col("places") == 0).then(received.round(0)).otherwise(received.round(2))
        .alias("recipient_gets"),
        (received / (a + fee)).round(6).alias("effective_rate"),
    )


# --- aggregation ---------------------------------------------------------------------------

SPEEDS = ["Less than one hour", "Same day", "Next day", "2-5 days", "More than 5 days"]
TYPES = ["Bank", "Money Transfer Operator", "Post office", "Mobile operator"]


def rpw_csv(rows: int, path: Path) -> None:
    """`rows` RPW rows (4 quarters x 350 corridors), deterministic, consistent (total cost =
    fee / amount + margin), with 4-decimal percentages as the data publishes them."""
    header = ("period,source_code,destination_code,firm,firm_type,payment instrument,"
              "access point,speed actual,cc1 lcu amount,cc1 lcu fee,cc1 fx margin,"
              "cc1 total cost %,transparent\n")
    code = lambda n: "".join(chr(65 + (n // d) % 26) for d in (676, 26, 1))  # noqa: E731
    lines = [header]
    x = 2025

    def draw(n: int) -> int:  # Knuth's MMIX LCG, high bits
        nonlocal x
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (x >> 33) % n

    for _ in range(rows):
        c = draw(350)
        fee_cents = 100 + draw(2400)  # 1.00 .. 24.99 on 200
        margin = draw(60000) / 10000  # 0 .. 5.9999
        total = Decimal(fee_cents) / 200 + Decimal(margin).quantize(PCT4)
        lines.append(
            f"2024_{1 + draw(4)}Q,{code(c % 48)},{code(100 + c)},Firm {draw(60)},"
            f"{TYPES[draw(4)]},Cash,Agent,{SPEEDS[draw(5)]},200,"
            f"{fee_cents // 100}.{fee_cents % 100:02d},{margin:.4f},{total:.4f},"
            f"{'no' if draw(10) == 0 else 'yes'}\n")
    path.write_text("".join(lines))


# The pre-2016 sheet's 41 columns in the published order (testdata/worldbank/rpw_layouts.json).
WORLDBANK = Path(__file__).resolve().parents[1] / "testdata" / "worldbank"
UP_TO_2016 = json.loads((WORLDBANK / "rpw_layouts.json").read_text(encoding="utf-8"))["Dataset (up to Q1 2016)"]
REAL_ROWS = WORLDBANK / "rpw-raw" / "rpw_rows_2011_2012.csv"


def workbook_sized(rows: int, out: Path) -> tuple[Path, Path]:
    """`rows` rows made from the 10,816 real RPW rows (World Bank, CC BY 4.0) repeated in order,
    the i-th with id 1,000,000 + i and `corridor` filled, as CSV and as the workbook's sheet
    "Dataset (up to Q1 2016)" (numbers stored as numbers): the rows benches/dataset.rs reads."""
    import csv as csvmod

    import openpyxl

    with open(REAL_ROWS, newline="", encoding="utf-8") as f:
        real = list(csvmod.DictReader(f))
    numeric = {c for c in UP_TO_2016 if c in ("id", "inter lcu bank fx")
               or (c.startswith("cc") and not c.endswith("lcu code"))}
    csv_path, xlsx_path = out / f"rpw_{rows}.csv", out / f"rpw_{rows}.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Dataset (up to Q1 2016)")
    sheet.append(UP_TO_2016)
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        w = csvmod.writer(f, lineterminator="\n")
        w.writerow(UP_TO_2016)
        for i in range(rows):
            row = dict(real[i % len(real)], id=str(1_000_000 + i))
            row["corridor"] = row["source_code"] + row["destination_code"]
            cells = [row.get(c, "") for c in UP_TO_2016]
            w.writerow(cells)
            sheet.append([float(v) if c in numeric and v else (v or None) for c, v in zip(UP_TO_2016, cells)])
    book.save(xlsx_path)
    return csv_path, xlsx_path


def reading(rows: int, out: Path) -> dict[str, Any]:
    """Seconds to read the workbook-sized file: remitcost (read + validate every row into exact
    decimals) against pandas (parse into float64 columns, no validation), one run each (the
    slowest, pandas' read_excel, takes minutes)."""
    csv_path, xlsx_path = workbook_sized(rows, out)
    r: dict[str, Any] = {"rows": rows}
    r["rc_csv"], data = median_time(lambda: rc.read_rpw_csv(csv_path), 1)
    assert data.report.rows_kept == rows, data.report
    r["rc_xlsx"], data = median_time(lambda: rc.read_rpw_xlsx(xlsx_path), 1)
    assert data.report.rows_kept == rows, data.report
    r["pandas_csv"], df = median_time(lambda: pd.read_csv(csv_path), 1)
    assert len(df) == rows
    r["pandas_xlsx"], df = median_time(
        lambda: pd.read_excel(xlsx_path, sheet_name="Dataset (up to Q1 2016)"), 1)
    assert len(df) == rows
    return r


def pandas_aggregate(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    keys = ["period", "corridor"]
    df = df[df["transparent"]]  # RPW averages leave out services that do not disclose their rate
    stats = df.groupby(keys, sort=True, observed=True)["cost"].agg(["count", "mean", "median", "min", "max"])
    eligible = df[df["speed"] != "More than 5 days"]
    smart = eligible.groupby(keys, sort=True, observed=True)["cost"].nsmallest(3).groupby(level=[0, 1]).mean()
    return stats, smart


def polars_aggregate(df: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    keys = ["period", "corridor"]
    c = pl.col("cost")
    df = df.filter(pl.col("transparent"))
    stats = df.group_by(keys).agg(c.count().alias("count"), c.mean().alias("mean"),
                                  c.median().alias("median"), c.min().alias("min"),
                                  c.max().alias("max")).sort(keys)
    smart = (df.filter(pl.col("speed") != "More than 5 days")
             .group_by(keys).agg(c.bottom_k(3).mean().alias("smart")).sort(keys))
    return stats, smart


def decimal_aggregate(rows: list[tuple[str, str, bool, Decimal]]) -> dict[tuple[str, str], tuple]:
    groups: dict[tuple[str, str], list[Decimal]] = {}
    for period, corridor, transparent, cost in rows:
        if transparent:
            groups.setdefault((period, corridor), []).append(cost)
    return {k: (len(v), (sum(v) / len(v)).quantize(PCT4, rounding=ROUND_HALF_EVEN),
                statistics.median(v), min(v), max(v)) for k, v in groups.items()}


# --- harness -------------------------------------------------------------------------------


def median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        result = None  # free the previous run's result before the clock starts
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def to_decimals(values: list[Any]) -> list[Decimal]:
    return [Decimal(repr(float(v))) for v in values]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--smoke", action="store_true", help="1,000 quotes and rows, checks only")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    getcontext().prec = 28
    n_offers, n_amounts, n_rows, subset = (1000, 1000, 1_000_000, 20_000)
    if args.smoke:
        n_offers, n_amounts, n_rows, subset, args.repeat = (10, 100, 1000, 1000, 1)
    n_quotes = n_offers * n_amounts
    args.out.mkdir(parents=True, exist_ok=True)

    offers_json = [offer_json(i) for i in range(n_offers)]
    amounts_txt = [amount_text(j) for j in range(n_amounts)]
    (args.out / "quotes.json").write_text(json.dumps({"offers": offers_json, "amounts": amounts_txt}))
    offers = [rc.Offer(**o) for o in offers_json]
    amounts = [Decimal(a) for a in amounts_txt]
    terms = [{k: (Decimal(v) if k not in ("send", "recv", "places") else v)
              for k, v in offer_terms(i).items()} for i in range(n_offers)]
    frame = float_frame(terms, amounts)
    pframe = pl.from_pandas(frame)

    # The pure-Python formulas must give remitcost's answers before anything is timed.
    exact = rc.cost_table(offers, amounts).to_arrow()
    assert exact.column("error").null_count == n_quotes, "every quote prices"
    check = decimal_batch(terms, amounts, subset)
    for k, field in enumerate(DECIMAL_FIELDS):
        col = exact.column(field).to_pylist()[:subset]
        wrong = sum(1 for row, want in zip(check, col) if row[k] != want)
        assert wrong == 0, f"the decimal loop differs from remitcost on {field} in {wrong} rows"

    results: dict[str, Any] = {"quotes": n_quotes, "rows": n_rows, "subset": subset}
    t = {}
    t["rc"], _ = median_time(lambda: rc.cost_table(offers, amounts), args.repeat)
    t["rc_arrow"], _ = median_time(lambda: rc.cost_table(offers, amounts).to_arrow(), args.repeat)
    t["pandas"], floats = median_time(lambda: pandas_price(frame), args.repeat)
    t["polars"], pfloats = median_time(lambda: polars_price(pframe), args.repeat)
    dec_repeat = max(1, args.repeat // 2)
    t_sub, _ = median_time(lambda: decimal_batch(terms, amounts, subset), dec_repeat)
    t["decimal"] = t_sub * n_quotes / subset

    # Float results against the exact ones (outside the timings).
    diffs = {}
    for field, unit in (("total_cost", CENT), ("total_cost_pct", CENT), ("recipient_gets", CENT)):
        want = exact.column(field).to_pylist()
        got = to_decimals(floats[field].tolist())
        shown = sum(1 for w, g in zip(want, got) if g.quantize(w) != w)
        full = sum(1 for w, g in zip(want, got) if abs(g - w) >= unit)
        diffs[field] = (shown, full)
    got_pl = to_decimals(pfloats["total_cost_pct"].to_list())
    want_pct = exact.column("total_cost_pct").to_pylist()
    diffs["polars total_cost_pct"] = (sum(1 for w, g in zip(want_pct, got_pl) if g.quantize(w) != w),
                                      sum(1 for w, g in zip(want_pct, got_pl) if abs(g - w) >= CENT))
    results["pricing"] = t
    results["diffs"] = diffs

    # Aggregation over the same kind of data each tool would hold: RPW rows.
    csv = args.out / "rpw_rows.csv"
    rpw_csv(n_rows, csv)
    start = time.perf_counter()
    data = rc.read_rpw_csv(str(csv))
    t_read = time.perf_counter() - start
    assert len(data) == n_rows, f"{len(data)} of {n_rows} rows kept"
    table = data.to_arrow()
    df = pd.DataFrame({
        "period": table.column("period").to_pandas(),
        "corridor": table.column("corridor").to_pandas(),
        "speed": table.column("speed").to_pandas(),
        "transparent": table.column("transparent").to_pandas(),
        "cost": table.column("cc1_total_cost_pct").cast(pa.float64()).to_pandas(),
    })
    for k in ("period", "corridor", "speed"):
        df[k] = df[k].astype("category")
    pdf = pl.from_pandas(df.astype({"period": str, "corridor": str, "speed": str})).with_columns(
        pl.col("period").cast(pl.Categorical), pl.col("corridor").cast(pl.Categorical),
        pl.col("speed").cast(pl.Categorical))
    dims = ["period", "corridor"]
    a = {}
    # The first aggregation over a Dataset codes its rows into columns (kept with it); the
    # median below is of the later ones.
    a["rc_first"], _ = median_time(lambda: rc.group(data, dims), 1)
    a["rc"], grouping = median_time(lambda: rc.group(data, dims), args.repeat)

    def via_arrow() -> Any:
        p = rc.Partial(dims)
        p.add_batch(table)
        return p.grouping()

    a["rc_arrow"], _ = median_time(via_arrow, args.repeat)
    a["pandas"], (pstats, psmart) = median_time(lambda: pandas_aggregate(df), args.repeat)
    a["polars"], (lstats, _) = median_time(lambda: polars_aggregate(pdf), args.repeat)
    agg_subset = min(n_rows, 100_000)
    dec_rows = list(zip(df["period"].astype(str)[:agg_subset], df["corridor"].astype(str)[:agg_subset],
                        table.column("transparent").to_pylist()[:agg_subset],
                        table.column("cc1_total_cost_pct").to_pylist()[:agg_subset]))
    t_sub, _ = median_time(lambda: decimal_aggregate(dec_rows), dec_repeat)
    a["decimal"] = t_sub * n_rows / agg_subset
    results["aggregation"] = a
    results["read_rpw_csv_s"] = t_read
    results["agg_subset"] = agg_subset

    # The exact and the float groupings agree on the groups; float means differ how often?
    g = grouping.to_pandas()
    assert len(g) == len(pstats) == lstats.height, (len(g), len(pstats), lstats.height)
    exact_mean = {(str(p), str(c)): Decimal(str(v)) for p, c, v in zip(g["period"], g["corridor"], g["mean_pct"])}
    mean_exact = [exact_mean[(str(p), str(c))] for p, c in pstats.index]
    mean_float = to_decimals(pstats["mean"].tolist())
    results["diffs"]["group mean_pct (pandas)"] = (
        sum(1 for w, f in zip(mean_exact, mean_float) if f.quantize(w, rounding=ROUND_HALF_EVEN) != w),
        sum(1 for w, f in zip(mean_exact, mean_float) if abs(f - w) >= CENT))
    results["groups"] = len(g)
    results["reading"] = reading(1_000 if args.smoke else 250_000, args.out)
    (args.out / "python.json").write_text(json.dumps(results, default=str, indent=1))
    report(results, args.smoke)


def report(r: dict[str, Any], smoke: bool) -> None:
    t, a, n = r["pricing"], r["aggregation"], r["quotes"]
    print(f"Python: pricing {n:,} quotes (median of runs; seconds, ratio to remitcost)")
    rows = [("remitcost cost_table (exact, 15 figures)", t["rc"]),
            ("remitcost cost_table + .to_arrow()", t["rc_arrow"]),
            ("pandas float64 (7 figures)", t["pandas"]),
            ("polars float64 (7 figures)", t["polars"]),
            (f"pure-Python decimal loop ({r['subset']:,} quotes, scaled x{n / r['subset']:g})", t["decimal"])]
    for name, s in rows:
        print(f"  {name:<58} {s:>9.3f} s {s / t['rc']:>8.2f}x")
    print(f"Python: aggregating {r['rows']:,} RPW rows into {r['groups']:,} period x corridor groups "
          f"(count, mean, median, min, max, SmaRT); reading the CSV took {r['read_rpw_csv_s']:.2f} s, not counted")
    rows = [("remitcost group(dataset) (exact)", a["rc"]),
            ("remitcost group(dataset), first call (codes the rows)", a["rc_first"]),
            ("remitcost Partial.add_batch(arrow) + grouping()", a["rc_arrow"]),
            ("pandas groupby float64", a["pandas"]),
            ("polars group_by float64", a["polars"]),
            (f"pure-Python decimal dict loop ({r['agg_subset']:,} rows, scaled x{r['rows'] / r['agg_subset']:g}; no SmaRT)",
             a["decimal"])]
    for name, s in rows:
        print(f"  {name:<58} {s:>9.3f} s {s / a['rc']:>8.2f}x")
    rd = r["reading"]
    print(f"Python: reading {rd['rows']:,} RPW rows (the workbook's size; one run each; seconds, rows/s)")
    for name, key in (("remitcost read_rpw_csv (validated, exact)", "rc_csv"),
                      ("remitcost read_rpw_xlsx (validated, exact)", "rc_xlsx"),
                      ("pandas read_csv (float64, no validation)", "pandas_csv"),
                      ("pandas read_excel (openpyxl, float64, no validation)", "pandas_xlsx")):
        print(f"  {name:<58} {rd[key]:>9.3f} s {rd['rows'] / rd[key]:>12,.0f} rows/s")
    print("Float results vs exact (rows differing as displayed / by >= 0.01):")
    for field, (shown, full) in r["diffs"].items():
        print(f"  {field:<34} {shown:>9,} / {full:>6,}")
    if smoke:
        print("smoke: the decimal loop equals remitcost on every figure; every stage ran")


if __name__ == "__main__":
    main()
