"""remitcost: the exact cost of sending money across borders.

Fees, exchange margins and the World Bank's Remittance Prices Worldwide (RPW) indicators,
computed exactly by the Rust core (``decimal.Decimal`` in and out, never binary floats).

Decimals: every decimal argument takes a ``decimal.Decimal``, an ``int``, a ``str`` or a
``float``. A float is read through its shortest ``repr`` (``0.1`` means ``Decimal("0.1")``,
not the binary value ``0.1000000000000000055...``); NaN and infinities raise
:class:`RemitError` with code ``"invalid_decimal"``. Results are ``decimal.Decimal``.

Errors: :class:`RemitError` (a ``ValueError``) with a stable ``.code``, the same string as
the Rust core's ``Error::code()``; arguments of the wrong Python type raise ``TypeError``.
In JSON-shaped arguments (dicts of an offer, a schedule, options), numbers are decimals,
except core's whole-number fields (``collected_at``, ``oldest_quote``: Unix seconds, or an
aware ``datetime``); a dict that does not fit the schema raises ``RemitError`` with the code
of the check that refused it (``invalid_json`` for a shape error). Decimal text reads the
same everywhere, as :func:`parse_decimal` reads it, in a dict, a JSON document or an argument:
``" 5"`` is 5, ``"1_000"`` raises ``invalid_decimal``. In a JSON document (a ``str``), a
decimal is a string: a JSON number there is ``invalid_json``, as in Rust and JavaScript.

The API, in the core's terms:

- pricing: :class:`Offer` (``cost``, ``send_for``), :class:`FeeSchedule`, :class:`Rate`,
  :class:`CostOptions`, :class:`Cost`, :func:`rank_offers`, :func:`fx_margin_pct`;
- batch: :func:`cost_table` prices a column of amounts (list, pyarrow, pandas, polars, numpy)
  against many offers in one call without the GIL; the :class:`Table` it returns becomes a
  pyarrow table (``decimal128`` columns), a pandas or polars DataFrame;
- data: :func:`read_rpw` (picks the reader by file type: :func:`read_rpw_csv`,
  :func:`read_rpw_json`, :func:`read_rpw_xlsx` for the World Bank's workbook; a :class:`Dataset` and its
  :class:`ValidationReport`), :func:`read_countries_xlsx` (the workbook's "Countries" sheet
  as a country table), :func:`read_corridor_averages`, :func:`read_wdi_csv`,
  :func:`read_bilateral_matrix`;
- indicators: :func:`indicators` (from a dataset or straight from a CSV path, in one call),
  :func:`corridor_indicators`, :func:`published_indicators` (the figures of the RPW
  reports), :func:`group`, :func:`group_corridors`,
  :class:`AggregateOptions`;
- beyond one machine: :class:`Partial` (indicator state per partition, merged exactly),
  :mod:`remitcost.batch` (Arrow batches in and out), :mod:`remitcost.spark` (PySpark) and
  :mod:`remitcost.polars` (LazyFrames).
"""

from remitcost._remitcost import (
    PCT_DECIMALS,
    RATE_DECIMALS,
    AggregateOptions,
    AnnualAverage,
    Average,
    BilateralMatrix,
    Charges,
    corridor_indicators,
    CorridorAverages,
    Cost,
    cost_columns,
    cost_table,
    CostOptions,
    CountriesSheet,
    Currency,
    Dataset,
    Excluded,
    FeeSchedule,
    fx_margin,
    fx_margin_pct,
    group,
    group_corridors,
    Grouping,
    Indicators,
    indicators,
    published_indicators,
    Published,
    PublishedPeriod,
    Money,
    Offer,
    parse_decimal,
    Partial,
    Period,
    Quote,
    rank_offers,
    Ranked,
    Ranking,
    Rate,
    read_bilateral_matrix,
    read_corridor_averages,
    read_countries_xlsx,
    read_rpw,
    read_rpw_csv,
    read_rpw_json,
    read_rpw_xlsx,
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
    "AggregateOptions",
    "AnnualAverage",
    "Average",
    "BilateralMatrix",
    "Charges",
    "corridor_indicators",
    "CorridorAverages",
    "Cost",
    "cost_columns",
    "cost_table",
    "CostOptions",
    "CountriesSheet",
    "Currency",
    "Dataset",
    "Excluded",
    "FeeSchedule",
    "fx_margin",
    "fx_margin_pct",
    "group",
    "group_corridors",
    "Grouping",
    "Indicators",
    "indicators",
    "published_indicators",
    "Published",
    "PublishedPeriod",
    "Money",
    "Offer",
    "parse_decimal",
    "Partial",
    "Period",
    "Quote",
    "rank_offers",
    "Ranked",
    "Ranking",
    "Rate",
    "read_bilateral_matrix",
    "read_corridor_averages",
    "read_countries_xlsx",
    "read_rpw",
    "read_rpw_csv",
    "read_rpw_json",
    "read_rpw_xlsx",
    "read_wdi_csv",
    "RemitError",
    "Rounding",
    "RpwAmount",
    "Table",
    "ValidationReport",
    "WdiSeries",
    "__version__",
]
