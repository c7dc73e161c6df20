"""Not a test module: a client that `mypy --strict` must accept, to show the stubs are
usable (test_docs.py type-checks it)."""

from decimal import Decimal

import remitcost as rc


def cheapest(offers: list[rc.Offer], amount: Decimal) -> tuple[str | None, Decimal]:
    ranking: rc.Ranking = rc.rank_offers(offers, send=amount)
    best: rc.Ranked = ranking.ranked[0]
    return best.provider, best.cost.total_cost_pct


def margin(offered: str, mid: str) -> Decimal:
    return rc.fx_margin_pct(
        rc.Rate(base="USD", quote="MXN", value=offered), rc.Rate(base="USD", quote="MXN", value=mid)
    )


def rejected_rows(path: str) -> int:
    data: rc.Dataset = rc.read_rpw_csv(path, tolerance_pct="0.05")
    return data.report.rows_rejected


def total(amounts: list[Decimal], offer: rc.Offer) -> list[object]:
    table: rc.Table = rc.cost_table([offer], amounts, options=rc.CostOptions(rounding="up"))
    return table.column("total_cost")


def code_of(error: rc.RemitError) -> str:
    return error.code
