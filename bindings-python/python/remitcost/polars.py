"""remitcost over Polars LazyFrames: price a frame of quotes batch by batch
(``LazyFrame.map_batches``, streamable) and compute the RPW indicators of a frame of RPW rows
by partial aggregation over the batches the streaming engine produces, merged into exactly
what :func:`remitcost.indicators` gives over all the rows.

Needs polars and pyarrow (the ``remitcost[polars]`` extra).
"""

from __future__ import annotations

from typing import Any, Iterator, Optional, Sequence, Union

from remitcost._remitcost import Grouping, Indicators, Partial
from remitcost.batch import COST_COLUMNS, _import, cost_batch, cost_fields, to_options

__all__ = ["group", "indicators", "partial", "price"]

_BATCH_ROWS = 100_000


def price(
    lf: Any,
    *,
    offer_column: str = "offer",
    amount_column: str = "amount",
    options: Any = None,
) -> Any:
    """The quotes of ``lf`` (a LazyFrame or DataFrame with an ``offer`` column of offer JSON
    documents and an ``amount`` column) priced batch by batch: a LazyFrame with ``lf``'s
    columns, then :data:`remitcost.batch.COST_COLUMNS` (decimals as ``pl.Decimal`` at the
    fixed scales of :func:`remitcost.batch.cost_fields`)."""
    pl = _import("polars")

    lf = lf.lazy()
    schema = lf.collect_schema()
    clash = [name for name in COST_COLUMNS if name in schema]
    if clash:
        raise ValueError(f"price: the frame already has columns {clash}")
    kind = schema[amount_column]
    places = getattr(kind, "scale", None) or 0
    out_schema = dict(schema)
    for field in cost_fields(places):
        if hasattr(field.type, "scale"):
            out_schema[field.name] = pl.Decimal(field.type.precision, field.type.scale)
        else:
            out_schema[field.name] = pl.String
    opts = to_options(options)

    def run(df: Any) -> Any:
        batch = cost_batch(
            df,
            offer_column=offer_column,
            amount_column=amount_column,
            options=opts,
            amount_places=places,
        )
        return pl.from_arrow(batch)

    return lf.map_batches(run, schema=out_schema, streamable=True)


def _batches(lf: Any, rows: int) -> Iterator[Any]:
    """The frame's rows in batches: from the streaming engine when this Polars has
    ``collect_batches``, else slices of the collected frame."""
    lf = lf.lazy()
    if hasattr(lf, "collect_batches"):
        yield from lf.collect_batches(chunk_size=rows, maintain_order=False)
    else:
        yield from lf.collect().iter_slices(rows)


def partial(
    lf: Any,
    dimensions: Optional[Union[str, Sequence[str]]] = None,
    *,
    options: Any = None,
    batch_rows: int = _BATCH_ROWS,
) -> Partial:
    """The partial aggregation of ``lf``'s RPW rows (the columns of ``Dataset.to_arrow()``,
    or RPW's published headers): one state per batch, merged. ``dimensions`` ``None``
    aggregates for the indicators."""
    opts = to_options(options)
    merged = Partial(dimensions, options=opts)
    for df in _batches(lf, batch_rows):
        state = Partial(dimensions, options=opts)
        state.add_batch(df)  # the Arrow PyCapsule interface: no copy, no pyarrow
        merged.merge(state)
    return merged


def indicators(
    lf: Any, *, options: Any = None, weights: Any = None, batch_rows: int = _BATCH_ROWS
) -> Indicators:
    """The RPW indicators of ``lf``'s rows: the same figures as :func:`remitcost.indicators`
    over all the rows."""
    return partial(lf, None, options=options, batch_rows=batch_rows).indicators(
        weights=weights
    )


def group(
    lf: Any,
    dimensions: Union[str, Sequence[str]],
    *,
    options: Any = None,
    batch_rows: int = _BATCH_ROWS,
) -> Grouping:
    """``lf``'s rows grouped by ``dimensions``: the same figures as :func:`remitcost.group`."""
    return partial(lf, dimensions, options=options, batch_rows=batch_rows).grouping()
