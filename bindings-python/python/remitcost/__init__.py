"""remitcost: the exact cost of sending money across borders.

Fees, exchange margins and the World Bank's Remittance Prices Worldwide (RPW) indicators,
computed exactly by the Rust core (``decimal.Decimal`` in and out, never binary floats).

Decimals: every decimal argument takes a ``decimal.Decimal``, an ``int``, a ``str`` or a
``float``. A float is read through its shortest ``repr`` (``0.1`` means ``Decimal("0.1")``,
not the binary value ``0.1000000000000000055...``); NaN and infinities raise
:class:`RemitError` with code ``"invalid_decimal"``. Results are ``decimal.Decimal``.

Errors: :class:`RemitError` (a ``ValueError``) with a stable ``.code``, the same string as
the Rust core's ``Error::code()``; arguments of the wrong Python type raise ``TypeError``.
"""

from remitcost._remitcost import (
    PCT_DECIMALS,
    RATE_DECIMALS,
    BilateralMatrix,
    Charges,
    CorridorAverages,
    Cost,
    cost_table,
    CostOptions,
    Currency,
    Dataset,
    Excluded,
    FeeSchedule,
    fx_margin,
    fx_margin_pct,
    Money,
    Offer,
    parse_decimal,
    Period,
    Quote,
    rank_offers,
    Ranked,
    Ranking,
    Rate,
    read_bilateral_matrix,
    read_corridor_averages,
    read_rpw_csv,
    read_rpw_json,
    read_wdi_csv,
    RemitError,
    Rounding,
    RpwAmount,
    Table,
    ValidationReport,
    WdiSeries,
    __version__,
)

__all__ = [
    "PCT_DECIMALS",
    "RATE_DECIMALS",
    "BilateralMatrix",
    "Charges",
    "CorridorAverages",
    "Cost",
    "cost_table",
    "CostOptions",
    "Currency",
    "Dataset",
    "Excluded",
    "FeeSchedule",
    "fx_margin",
    "fx_margin_pct",
    "Money",
    "Offer",
    "parse_decimal",
    "Period",
    "Quote",
    "rank_offers",
    "Ranked",
    "Ranking",
    "Rate",
    "read_bilateral_matrix",
    "read_corridor_averages",
    "read_rpw_csv",
    "read_rpw_json",
    "read_wdi_csv",
    "RemitError",
    "Rounding",
    "RpwAmount",
    "Table",
    "ValidationReport",
    "WdiSeries",
    "__version__",
]
