"""Arrow batches in, Arrow batches out: what a Spark executor (``DataFrame.mapInArrow``) or a
Polars query (``map_batches``, ``collect_batches``) calls on each batch of rows.

- :func:`cost_batch` prices the quotes of a batch (one quote per row: an ``offer`` column of
  offer JSON documents and an ``amount`` column) and returns the batch with the cost columns
  appended, as ``decimal128`` at fixed scales (:func:`cost_fields`), so that every batch has
  the same schema;
- :func:`partial_batches` aggregates all the batches of a partition into one
  :class:`remitcost.Partial` and yields it as a one-row batch (column ``partial``, binary);
  :func:`merge` merges such states; ``Partial.indicators()`` / ``Partial.grouping()`` finish
  them into exactly what :func:`remitcost.indicators` / :func:`remitcost.group` give over all
  the rows at once.

:func:`remitcost.cost_columns` and ``Partial.add_batch`` take any Arrow data themselves (a
polars DataFrame, a duckdb relation, …); :func:`cost_batch`, which appends columns to the
batch, needs pyarrow. Nothing here is specific to Spark or Polars: :mod:`remitcost.spark` and
:mod:`remitcost.polars` wire these functions into each.
"""

from __future__ import annotations

import importlib
from typing import Any, Iterable, Iterator, List, Optional, Sequence, Union

from remitcost._remitcost import PCT_DECIMALS, RATE_DECIMALS, Partial, cost_columns

__all__ = [
    "COST_COLUMNS",
    "cost_batch",
    "cost_fields",
    "merge",
    "partial_batches",
    "to_options",
]

def _import(name: str) -> Any:
    """An optional dependency, imported when first needed (and untyped for mypy)."""
    return importlib.import_module(name)


#: The columns :func:`cost_batch` appends, in order.
COST_COLUMNS = (
    "send_currency",
    "receive_currency",
    "send_amount",
    "transfer_fee",
    "tax",
    "receiving_fee",
    "fee",
    "total_paid",
    "amount_exchanged",
    "fx_margin_pct",
    "fx_cost",
    "total_cost",
    "total_cost_pct",
    "recipient_gets",
    "effective_rate",
    "error",
)

_TEXT = {"send_currency", "receive_currency", "error"}
_PCT = {"fx_margin_pct", "total_cost_pct"}
#: ISO 4217's largest number of minor units (CLF, UYW): money is rounded to at most 4 places.
_MONEY_PLACES = 4


def to_options(options: Any) -> Any:
    """Options as plain data (``None``, a dict or a JSON str), so that they pickle to the
    executors: an ``AggregateOptions`` / ``CostOptions`` becomes its ``to_dict()``."""
    if options is None or isinstance(options, (dict, str)):
        return options
    return options.to_dict()


def cost_fields(amount_places: int = 0) -> "List[Any]":
    """The pyarrow fields :func:`cost_batch` appends: text as ``string``, percentages as
    ``decimal128(38, 4)``, the effective rate as ``decimal128(38, 6)``, money as
    ``decimal128(38, max(4, amount_places))`` (money is rounded to the currency's minor
    units, at most 4; ``send_amount`` and the amounts derived from it keep the amount's
    places). Widening a value's scale is exact; a value that would not fit raises."""
    pa = _import("pyarrow")

    money = max(_MONEY_PLACES, amount_places)
    fields = []
    for name in COST_COLUMNS:
        if name in _TEXT:
            kind = pa.string()
        elif name in _PCT:
            kind = pa.decimal128(38, PCT_DECIMALS)
        elif name == "effective_rate":
            kind = pa.decimal128(38, RATE_DECIMALS)
        else:
            kind = pa.decimal128(38, money)
        fields.append(pa.field(name, kind))
    return fields


def _as_table(data: Any) -> Any:
    """A ``pyarrow.Table`` of any Arrow data: read through the Arrow PyCapsule interface
    (``__arrow_c_stream__`` / ``__arrow_c_array__``: polars, duckdb, pandas, …) without a
    copy."""
    pa = _import("pyarrow")

    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__"):
        return pa.table(data)
    raise TypeError(
        f"expected Arrow data (a pyarrow RecordBatch or Table, a polars DataFrame, …), "
        f"got {type(data).__name__}"
    )


def _amount_places(table: Any, amount_column: str) -> int:
    kind = table.schema.field(amount_column).type
    return max(0, getattr(kind, "scale", 0))


def cost_batch(
    batch: Any,
    *,
    offer_column: str = "offer",
    amount_column: str = "amount",
    options: Any = None,
    amount_places: Optional[int] = None,
) -> Any:
    """Prices each row's quote: the offer in ``offer_column`` (an offer's JSON document, as
    ``json.dumps(offer.to_dict(), default=str)`` or ``Offer.to_json()`` give it) for the
    amount in ``amount_column`` (``decimal128``, text or integers). Returns a
    ``pyarrow.RecordBatch``: the batch's columns unchanged, then :data:`COST_COLUMNS` typed
    as :func:`cost_fields` says (``amount_places`` defaults to the amount column's scale). A
    row that cannot be priced gets its error code in ``error`` and null figures.

    >>> import json, pyarrow as pa
    >>> offer = json.dumps({"send_currency": "EUR", "receive_currency": "XOF",
    ...     "schedule": {"parts": [{"fixed": "4.90"}]},
    ...     "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
    ...     "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"}})
    >>> batch = pa.RecordBatch.from_pydict({"offer": [offer], "amount": [200]})
    >>> cost_batch(batch).column("total_cost_pct").to_pylist()
    [Decimal('4.1204')]
    """
    pa = _import("pyarrow")

    table = _as_table(batch)
    clash = [name for name in COST_COLUMNS if name in table.schema.names]
    if clash:
        raise ValueError(f"cost_batch: the batch already has columns {clash}")
    if amount_places is None:
        amount_places = _amount_places(table, amount_column)
    costs = cost_columns(
        table, offer_column=offer_column, amount_column=amount_column, options=options
    ).to_arrow()
    for field in cost_fields(amount_places):
        # A safe cast: widening the scale is exact, anything lossy raises.
        table = table.append_column(field, costs.column(field.name).cast(field.type))
    batches = table.combine_chunks().to_batches()
    if not batches:
        return pa.RecordBatch.from_pylist([], schema=table.schema)
    return batches[0]


def partial_batches(
    batches: Iterable[Any],
    dimensions: Optional[Union[str, Sequence[str]]] = None,
    *,
    options: Any = None,
) -> Iterator[Any]:
    """Aggregates every batch of RPW rows (the columns of ``Dataset.to_arrow()``, or RPW's
    published headers) into one :class:`remitcost.Partial` — for the indicators when
    ``dimensions`` is ``None``, else for ``group(..., dimensions)`` — and yields it as a
    one-row ``pyarrow.RecordBatch`` with a binary column ``partial``: the body of a
    ``mapInArrow`` function.

    >>> import remitcost
    >>> table = remitcost.read_rpw_csv("testdata/rpw/sample.csv").to_arrow()
    >>> [state] = partial_batches(table.to_batches(max_chunksize=10))
    >>> merge([state.column("partial")[0].as_py()]).indicators().to_dict() == \\
    ...     remitcost.indicators("testdata/rpw/sample.csv").to_dict()
    True
    """
    pa = _import("pyarrow")

    state = Partial(dimensions, options=options)
    for batch in batches:
        state.add_batch(batch)
    yield pa.RecordBatch.from_arrays(
        [pa.array([state.to_bytes()], type=pa.binary())], names=["partial"]
    )


def merge(
    states: Iterable[Union[bytes, Partial]],
    dimensions: Optional[Union[str, Sequence[str]]] = None,
    *,
    options: Any = None,
) -> Partial:
    """Merges partial states (``Partial`` objects or their bytes) into one. With no state,
    the empty state of ``dimensions`` and ``options``."""
    merged: Optional[Partial] = None
    for state in states:
        part = state if isinstance(state, Partial) else Partial.from_bytes(bytes(state))
        if merged is None:
            merged = part
        else:
            merged.merge(part)
    return merged if merged is not None else Partial(dimensions, options=options)
