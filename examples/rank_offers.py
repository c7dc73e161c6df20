"""Ranks a corridor's offers for one amount and prints the table a comparator would show: the
Python twin of `rank_offers.rs` (same data, same ranking, same figures).

    python examples/rank_offers.py [OFFERS.json] [AMOUNT | --receive AMOUNT]

Defaults: the bundled France -> Senegal offers (examples/data/offers_fra_sen.json), EUR 200.
"""

import json
import sys
from pathlib import Path

import remitcost as rc

HERE = Path(__file__).resolve().parent


def main(args: list[str]) -> None:
    path = HERE / "data" / "offers_fra_sen.json"
    target = {"send": "200"}
    rest = iter(args)
    for arg in rest:
        if arg == "--receive":
            target = {"receive": next(rest)}
        elif arg.endswith(".json"):
            path = Path(arg)
        else:
            target = {"send": arg}
    offers = [rc.Offer.from_dict(o) for o in json.loads(path.read_text())["offers"]]
    ranking = rc.rank_offers(offers, **target)

    first = offers[0]
    what = (f"sending {target['send']} {first.send_currency}" if "send" in target
            else f"delivering {target['receive']} {first.receive_currency}")
    print(f"Offers {first.send_currency} -> {first.receive_currency}, {what}, cheapest first\n")
    print(f"{'rank':>4}  {'provider':<20} {'type':<25} {'sent':>10} {'fee':>9} {'margin%':>8} "
          f"{'total':>9} {'total%':>8} {'recipient':>12}  speed")
    for r in ranking.ranked:
        c = r.cost
        print(f"{r.rank:>4}  {r.provider or '':<20} {r.firm_type or '':<25} {c.send_amount:>10} "
              f"{c.fee:>9} {c.fx_margin_pct:>8} {c.total_cost:>9} {c.total_cost_pct:>8} "
              f"{c.recipient_gets:>12}  {r.speed or ''}")
    for e in ranking.excluded:
        print(f"   -  {e.provider or '':<20} left out: {e.code} ({e.message})")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except rc.RemitError as err:
        sys.exit(f"rank_offers: {err.code}: {err}")
