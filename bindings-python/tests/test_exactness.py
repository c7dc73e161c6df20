"""Every figure of a cost is the exact rational value of its formula rounded once.

An oracle computes each figure with ``fractions.Fraction`` straight from the formulas of
DESIGN.md; the package must agree digit for digit, for every rounding rule, over seeded random
offers built to hit ties: mid rates whose ratios do not terminate (17.2, 13.2, 655.957), mid
rates quoted the other way round (0.003 XOF per EUR is 1000/3 the other way), and amounts
chosen so that the exchange cost lands on half a minor unit.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from math import gcd
from typing import Any

import pytest

import remitcost as rc

FIGURES = [
    "send_amount", "transfer_fee", "tax", "receiving_fee", "fee", "total_paid",
    "amount_exchanged", "fx_margin_pct", "fx_cost", "total_cost", "total_cost_pct",
    "recipient_gets", "effective_rate",
]
RULES = ["half_even", "half_away_from_zero", "up", "down"]
MIDS = ["17.2", "13.2", "655.957", "0.003", "0.0625"]  # the last two quoted receive -> send


def rounded(v: Fraction, places: int, rule: str) -> str:
    """``v`` to ``places`` decimals under ``rule``, written with exactly that many."""
    x = v * 10**places
    t = int(x)  # towards zero
    rest = abs(x - t)
    half = Fraction(1, 2)
    away = {
        "half_even": rest > half or (rest == half and t % 2 != 0),
        "half_away_from_zero": rest >= half,
        "up": rest != 0,
        "down": False,
    }[rule]
    if away:
        t += -1 if x < 0 else 1
    return str(Decimal(t).scaleb(-places).quantize(Decimal(1).scaleb(-places)))


def make_case(r: random.Random) -> dict[str, Any]:
    mid = r.choice(MIDS)
    back = MIDS.index(mid) >= 3
    m = Fraction(1) / Fraction(mid) if back else Fraction(mid)
    gap = Fraction(r.randrange(1, 400), 1000)
    offered = Fraction(round(m * 1000), 1000) - gap
    if back or r.random() < 0.3:
        cents = r.randrange(1, 400) * 37 + 5
    else:
        # Multiples of gap / mid's denominator over its gcd with 10: E x gap / mid then ends at
        # the third place, often on half a cent.
        den = (gap / m).denominator
        step = den // gcd(den, 10)
        cents = r.randrange(1, 400) * step % 50_000_000 + step
    return {
        "mid": mid, "back": back, "m": m, "offered": offered,
        "fixed": Fraction(r.randrange(0, 600), 100),
        "pct": r.choice(["0", "1.5", "0.25", "2.975"]),
        "min_fee": r.choice([None, "3", "0.07"]),
        "tax_fee": r.choice(["0", "15", "7.5"]),
        "tax_amount": r.choice(["0", "1", "0.35"]),
        "deducted": r.random() < 0.5,
        "receiving_fee": r.choice(["0", "1.72", "0.05"]),
        "include": r.random() < 0.5,
        "amount": Fraction(cents, 100),
        "rule": r.choice(RULES),
    }


def oracle(c: dict[str, Any]) -> list[str]:
    rule, a, m, o = c["rule"], c["amount"], c["m"], c["offered"]
    fee = c["fixed"] + a * Fraction(c["pct"]) / 100
    if c["min_fee"] is not None:
        fee = max(fee, Fraction(c["min_fee"]))
    tax = fee * Fraction(c["tax_fee"]) / 100 + a * Fraction(c["tax_amount"]) / 100
    charges = fee + tax
    e, paid = (a - charges, a) if c["deducted"] else (a, a + charges)
    rf = Fraction(c["receiving_fee"])
    gets = e * o - rf
    rf_sent = rf / m if c["include"] else Fraction(0)
    fees = charges + rf_sent
    margin = (m - o) / m * 100
    fx = e * margin / 100
    total = fees + fx
    values = [a, fee, tax, rf_sent, fees, paid, e, margin, fx, total, total / a * 100, gets,
              gets / paid]
    places = [2, 2, 2, 2, 2, 2, 2, 4, 2, 2, 4, 2, 6]
    return [rounded(v, p, rule) for v, p in zip(values, places)]


def offer_of(c: dict[str, Any]) -> Any:
    def dec(f: Fraction) -> str:
        return str(Decimal(f.numerator) / Decimal(f.denominator))

    mid = ({"base": "MXN", "quote": "USD", "value": c["mid"]} if c["back"]
           else {"base": "USD", "quote": "MXN", "value": c["mid"]})
    schedule: dict[str, Any] = {
        "parts": [{"fixed": dec(c["fixed"]), "pct": c["pct"]}],
        "taxes": [{"name": "on fee", "pct": c["tax_fee"], "base": "fee"},
                  {"name": "on amount", "pct": c["tax_amount"], "base": "amount"}],
        "receiving_fee": c["receiving_fee"],
        "charging": "deducted" if c["deducted"] else "on_top",
    }
    if c["min_fee"] is not None:
        schedule["min_fee"] = c["min_fee"]
    return rc.Offer.from_dict({
        "send_currency": "USD", "receive_currency": "MXN", "schedule": schedule,
        "offered_rate": {"base": "USD", "quote": "MXN", "value": dec(c["offered"])},
        "mid_rate": mid,
    })


@pytest.mark.parametrize("seed", range(8))
def test_every_figure_is_its_exact_value_rounded_once(seed: int) -> None:
    r = random.Random(seed)
    ties = 0
    for _ in range(250):
        c = make_case(r)
        want = oracle(c)
        options = {"rounding": c["rule"], "include_receiving_fee": c["include"]}
        amount = Decimal(c["amount"].numerator) / Decimal(c["amount"].denominator)
        try:
            cost = offer_of(c).cost(amount, options=options)
        except rc.RemitError as e:
            # A deducted fee, or the receiving fee, that takes all: no transfer.
            assert e.code == "invalid_amount"
            assert Fraction(want[6]) <= 0 or Fraction(want[11]) <= Fraction(1, 100), (c, want)
            continue
        got = [str(getattr(cost, name)) for name in FIGURES]
        assert got == want, c
        if not c["deducted"]:
            x = c["amount"] * (c["m"] - c["offered"]) / c["m"] * 1000
            ties += x.denominator == 1 and x.numerator % 10 == 5
    assert ties > 0  # the generator does put exchange costs on half a cent


def test_the_issue_tie() -> None:
    """mid 17.2, offered 17.0, 8.17 sent, no fee: fx cost 8.17 x 0.2 / 17.2 = 0.095 exactly."""
    offer = rc.Offer.from_dict({
        "send_currency": "USD", "receive_currency": "MXN",
        "offered_rate": {"base": "USD", "quote": "MXN", "value": "17.0"},
        "mid_rate": {"base": "USD", "quote": "MXN", "value": "17.2"}})
    got = {rule: str(offer.cost(Decimal("8.17"), options={"rounding": rule}).fx_cost)
           for rule in RULES}
    assert got == {"half_even": "0.10", "half_away_from_zero": "0.10", "up": "0.10",
                   "down": "0.09"}
