"""remitcost inside Spark: price a DataFrame of quotes and compute the RPW indicators of a
DataFrame of RPW rows over a cluster, exactly. Spark does the distribution; remitcost runs
in the executors over Arrow batches (``DataFrame.mapInArrow``) and the indicators are a
partial aggregation per partition, merged (``treeReduce``) into exactly what
:func:`remitcost.indicators` gives on one machine — to the last digit.

PySpark (>= 3.5) is an optional dependency, imported only when these functions run; the
executors need ``remitcost`` and ``pyarrow`` installed.

- :func:`price`: a DataFrame with an ``offer`` column (offer JSON documents) and an
  ``amount`` column becomes the same DataFrame with the cost columns appended
  (``DecimalType`` at fixed scales, ``error`` for a quote that cannot be priced);
- :func:`indicators` / :func:`group` / :func:`partial`: a DataFrame of RPW rows (the columns
  of ``Dataset.to_arrow()``, or RPW's published headers as ``spark.read.csv`` gives them)
  gives :class:`remitcost.Indicators` / :class:`remitcost.Grouping` / the merged
  :class:`remitcost.Partial`, on the driver.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Union

from remitcost._remitcost import Grouping, Indicators, Partial
from remitcost.batch import COST_COLUMNS, _import, cost_fields, merge, to_options

__all__ = ["group", "indicators", "partial", "price"]


def _spark_type(kind: Any) -> Any:
    pa = _import("pyarrow")
    types = _import("pyspark.sql.types")
    DecimalType, StringType = types.DecimalType, types.StringType

    if pa.types.is_decimal(kind):
        return DecimalType(kind.precision, kind.scale)
    return StringType()


def price(
    df: Any,
    *,
    offer_column: str = "offer",
    amount_column: str = "amount",
    options: Any = None,
) -> Any:
    """The quotes of ``df`` priced by the executors: ``df``'s columns, then
    :data:`remitcost.batch.COST_COLUMNS` (money as ``DecimalType(38, max(4, amount's
    scale))``, percentages ``DecimalType(38, 4)``, the effective rate ``DecimalType(38, 6)``,
    currencies and ``error`` as strings). ``options``: ``CostOptions`` or its dict. Lazy, as
    any Spark transformation."""
    types = _import("pyspark.sql.types")
    DecimalType, StructField, StructType = types.DecimalType, types.StructField, types.StructType

    clash = [name for name in COST_COLUMNS if name in df.columns]
    if clash:
        raise ValueError(f"price: the DataFrame already has columns {clash}")
    kind = df.schema[amount_column].dataType
    places = kind.scale if isinstance(kind, DecimalType) else 0
    schema = StructType(
        list(df.schema.fields)
        + [StructField(f.name, _spark_type(f.type), True) for f in cost_fields(places)]
    )
    opts = to_options(options)

    def run(batches: Any) -> Any:
        from remitcost.batch import cost_batch

        for batch in batches:
            out = cost_batch(
                batch,
                offer_column=offer_column,
                amount_column=amount_column,
                options=opts,
                amount_places=places,
            )
            # Spark's Arrow strings are `string`; the cost batch's text is too.
            yield out

    return df.mapInArrow(run, schema)


def _merge_bytes(a: bytes, b: bytes) -> bytes:
    state = Partial.from_bytes(bytes(a))
    state.merge(bytes(b))
    return bytes(state.to_bytes())


def partial(
    df: Any,
    dimensions: Optional[Union[str, Sequence[str]]] = None,
    *,
    options: Any = None,
) -> Partial:
    """The partial aggregation of ``df``'s RPW rows: one state per partition (computed in the
    executors), merged pairwise in a tree by Spark (``treeReduce``), returned to the driver.
    ``dimensions`` ``None`` aggregates for the indicators (period × corridor)."""
    dims = None if dimensions is None else (
        [dimensions] if isinstance(dimensions, str) else list(dimensions)
    )
    opts = to_options(options)

    def run(batches: Any) -> Any:
        from remitcost.batch import partial_batches

        yield from partial_batches(batches, dims, options=opts)

    states = df.mapInArrow(run, "partial binary").rdd.map(lambda row: bytes(row.partial))
    if states.getNumPartitions() == 0:
        return merge([], dims, options=opts)
    return merge([states.treeReduce(_merge_bytes)], dims, options=opts)


def indicators(df: Any, *, options: Any = None, weights: Any = None) -> Indicators:
    """The RPW indicators of ``df``'s rows (``weights`` as :func:`remitcost.indicators`
    takes them): the same figures as :func:`remitcost.indicators` over all the rows."""
    return partial(df, None, options=options).indicators(weights=weights)


def group(
    df: Any, dimensions: Union[str, Sequence[str]], *, options: Any = None
) -> Grouping:
    """``df``'s rows grouped by ``dimensions``: the same figures as :func:`remitcost.group`."""
    return partial(df, dimensions, options=options).grouping()
