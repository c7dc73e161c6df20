"""Costing 1 million quotes three ways, side by side in one run:

  remitcost   rc.cost_table(offers, amounts): exact decimals in Rust, GIL released, one call;
              also timed with the result turned into a pyarrow table and a pandas DataFrame;
  decimal     the same formulas in pure Python with the standard `decimal` module (exact too,
              one Python loop per quote); run on a subset and scaled to the full count,
              because the whole million takes minutes: the output says so;
  pandas      the same formulas as float64 vectorised arithmetic in pandas / numpy
              (fast, but binary floats: the run counts the rows whose total cost % differs
              from the exact one at 4 places).

The quotes: N offers (France -> Senegal, EUR -> XOF; a tiered schedule "below 100: 2.90,
from 100: 4.90 + 0.5%", offered rates 640-649 against the 655.957 peg) times M amounts
(10 to ~380 EUR), N x M = 1,000,000 by default. The decimal implementation is checked
against remitcost on the subset, field by field, before anything is timed.

    python benches/python/batch_bench.py [--offers 1000] [--amounts 1000] [--subset 50000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from decimal import ROUND_HALF_EVEN, Decimal, getcontext
from typing import Any, Callable

import numpy as np
import pandas as pd

import remitcost as rc

MID = Decimal("655.957")
BANDS = [  # (from, to, fixed, pct): the schedule, as the offers declare it
    (None, Decimal(100), Decimal("2.90"), Decimal(0)),
    (Decimal(100), None, Decimal("4.90"), Decimal("0.5")),
]


def offered_rate(i: int) -> Decimal:
    return Decimal(640 + i % 10)


def make_offers(n: int) -> list[rc.Offer]:
    parts = [
        {k: v for k, v in (("from", lo), ("to", hi), ("fixed", fixed), ("pct", pct)) if v is not None}
        for lo, hi, fixed, pct in BANDS
    ]
    return [
        rc.Offer(
            provider=f"Provider {i}", send_currency="EUR", receive_currency="XOF",
            schedule={"parts": parts},
            offered_rate={"base": "EUR", "quote": "XOF", "value": offered_rate(i)},
            mid_rate={"base": "EUR", "quote": "XOF", "value": MID},
        )
        for i in range(n)
    ]


def make_amounts(m: int) -> list[Decimal]:
    return [Decimal(1000 + 37 * j) / 100 for j in range(m)]  # 10.00, 10.37, 10.74, ...


# --- (a) pure Python decimal ---------------------------------------------------------------

CENT, UNIT, PCT4, RATE6 = Decimal("0.01"), Decimal(1), Decimal("0.0001"), Decimal("0.000001")


def python_cost(amount: Decimal, offered: Decimal) -> dict[str, Decimal]:
    """DESIGN.md's formulas for an on-top schedule without taxes or receiving fee."""
    fee = sum(
        (fixed + amount * pct / 100 for lo, hi, fixed, pct in BANDS
         if (lo is None or amount >= lo) and (hi is None or amount < hi)),
        Decimal(0),
    )
    margin_pct = (MID - offered) / MID * 100
    fx_cost = amount * margin_pct / 100
    total = fee + fx_cost
    received = amount * offered
    q = lambda x, step: x.quantize(step, rounding=ROUND_HALF_EVEN)  # noqa: E731
    recipient = q(received, UNIT)  # XOF has no minor unit
    return {
        "fee": q(fee, CENT),
        "fx_cost": q(fx_cost, CENT),
        "total_cost": q(total, CENT),
        "total_cost_pct": q(total / amount * 100, PCT4),
        "recipient_gets": recipient,
        "effective_rate": q(received / (amount + fee), RATE6),
    }


def python_batch(offers: int, amounts: list[Decimal], limit: int) -> list[dict[str, Decimal]]:
    out = []
    for i in range(offers):
        rate = offered_rate(i)
        for a in amounts:
            if len(out) == limit:
                return out
            out.append(python_cost(a, rate))
    return out


# --- (b) pandas float64 --------------------------------------------------------------------


def pandas_batch(frame: pd.DataFrame) -> pd.DataFrame:
    a, offered = frame["amount"], frame["offered"]
    mid = float(MID)
    fee = pd.Series(0.0, index=frame.index)
    for lo, hi, fixed, pct in BANDS:
        inside = pd.Series(True, index=frame.index)
        if lo is not None:
            inside &= a >= float(lo)
        if hi is not None:
            inside &= a < float(hi)
        fee = fee + np.where(inside, float(fixed) + a * float(pct) / 100, 0.0)
    margin_pct = (mid - offered) / mid * 100
    fx_cost = a * margin_pct / 100
    total = fee + fx_cost
    received = a * offered
    return pd.DataFrame({
        "fee": fee.round(2),
        "fx_cost": fx_cost.round(2),
        "total_cost": total.round(2),
        "total_cost_pct": (total / a * 100).round(4),
        "recipient_gets": received.round(0),
        "effective_rate": (received / (a + fee)).round(6),
    })


# --- harness -------------------------------------------------------------------------------


def median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        result = None  # free the previous run's result before the clock starts
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=1000)
    parser.add_argument("--amounts", type=int, default=1000)
    parser.add_argument("--subset", type=int, default=50_000, help="quotes for the decimal loop")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    getcontext().prec = 28
    n_quotes = args.offers * args.amounts
    subset = min(args.subset, n_quotes)

    offers, amounts = make_offers(args.offers), make_amounts(args.amounts)
    frame = pd.DataFrame({
        "amount": np.tile(np.array([float(a) for a in amounts]), args.offers),
        "offered": np.repeat(np.array([float(offered_rate(i)) for i in range(args.offers)]), args.amounts),
    })

    # The pure-Python formulas must give remitcost's answers before they are timed.
    exact = rc.cost_table(offers, amounts)
    check = python_batch(args.offers, amounts, subset)
    for field in check[0]:
        column = exact.column(field)[:subset]
        wrong = sum(1 for row, want in zip(check, column) if row[field] != want)
        assert wrong == 0, f"decimal implementation differs from remitcost on {field} in {wrong} rows"

    t_rc, table = median_time(lambda: rc.cost_table(offers, amounts), args.repeat)
    t_arrow, _ = median_time(lambda: rc.cost_table(offers, amounts).to_arrow(), args.repeat)
    t_pd_rc, _ = median_time(lambda: rc.cost_table(offers, amounts).to_pandas(), args.repeat)
    t_dec_sub, _ = median_time(lambda: python_batch(args.offers, amounts, subset), max(1, args.repeat // 2))
    t_dec = t_dec_sub * n_quotes / subset
    t_pd, floats = median_time(lambda: pandas_batch(frame), args.repeat)

    # How often float64 misses the exact 4-place total cost % (outside the timings).
    exact_pct = table.to_arrow().column("total_cost_pct").to_pylist()
    float_pct = [Decimal(repr(v)).quantize(PCT4, rounding=ROUND_HALF_EVEN) for v in floats["total_cost_pct"]]
    misses = sum(1 for e, f in zip(exact_pct, float_pct) if e != f)
    exact_fee = table.to_arrow().column("total_cost").to_pylist()
    float_fee = [Decimal(repr(v)).quantize(CENT, rounding=ROUND_HALF_EVEN) for v in floats["total_cost"]]
    misses_cost = sum(1 for e, f in zip(exact_fee, float_fee) if e != f)

    rows = [
        ("remitcost cost_table (exact)", t_rc, ""),
        ("remitcost cost_table + to_arrow()", t_arrow, ""),
        ("remitcost cost_table + to_pandas()", t_pd_rc, ""),
        (f"pure Python decimal (exact; {subset:,} quotes, scaled x{n_quotes / subset:g})", t_dec, ""),
        ("pandas float64 vectorised (inexact)", t_pd, ""),
    ]
    print(f"{n_quotes:,} quotes = {args.offers:,} offers x {args.amounts:,} amounts; "
          f"median of {args.repeat} runs ({max(1, args.repeat // 2)} for the decimal loop)\n")
    print(f"{'method':<72} {'median s':>9} {'ns/quote':>9} {'vs remitcost':>13}")
    for name, seconds, _ in rows:
        print(f"{name:<72} {seconds:>9.3f} {seconds / n_quotes * 1e9:>9.0f} {seconds / t_rc:>12.2f}x")
    print(f"\npure Python decimal / remitcost: {t_dec / t_rc:.1f}x slower; "
          f"pandas float64 / remitcost: {t_pd / t_rc:.2f}x")
    print(f"float64 rows whose total_cost_pct (4 places) differs from the exact value: "
          f"{misses:,} of {n_quotes:,}; total_cost (cents): {misses_cost:,}")


if __name__ == "__main__":
    main()
