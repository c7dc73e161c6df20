"""Peak resident memory of one ``cost_table`` of the side-by-side quotes, in a fresh process.

Reads ``quotes.json`` (written by side_by_side.py: 1,000 offers and 1,000 amounts), builds the
offers and amounts, notes the peak RSS so far (the interpreter, pyarrow and the inputs), then
prices every offer at every amount with ``remitcost.cost_table`` and converts the table to
Arrow, and prints both peaks and their difference, in MB (10^6 bytes)::

    python benches/peak_rss.py target/side_by_side/quotes.json
"""

from __future__ import annotations

import json
import resource
import sys
from decimal import Decimal

import pyarrow  # noqa: F401  (loaded before the baseline: to_arrow needs it)

import remitcost as rc


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # Linux: KiB


def main() -> None:
    data = json.loads(open(sys.argv[1]).read())
    offers = [rc.Offer(**o) for o in data["offers"]]
    amounts = [Decimal(a) for a in data["amounts"]]
    before = peak_mb()
    table = rc.cost_table(offers, amounts)
    after_table = peak_mb()
    arrow = table.to_arrow()
    after_arrow = peak_mb()
    assert arrow.num_rows == len(offers) * len(amounts)
    print(f"peak RSS: {before:.0f} MB before, {after_table:.0f} MB after cost_table "
          f"({after_table - before:.0f} MB more, {len(table):,} quotes), "
          f"{after_arrow:.0f} MB after .to_arrow()")


if __name__ == "__main__":
    main()
