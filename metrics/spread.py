"""Box-plot summaries of a numeric column: p10, quartiles and p90 per group."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics._common import group

QUANTILES = {"p10": 0.1, "q1": 0.25, "median": 0.5, "q3": 0.75, "p90": 0.9}


def box_summary(frame: pl.DataFrame, value: str, by: Sequence[str] = ()) -> pl.DataFrame:
    """The box of ``value``: quartiles (q1, median, q3) and whiskers at the 10th and 90th percentile.

    Quantiles interpolate linearly (as metrics.duration); nulls are not values; whiskers at
    p10/p90 rather than 1.5 IQR, so the box reads the same as the median and p90 of the tables.

    Returns ``by``..., n (Int64), p10, q1, median, q3, p90 (null without values).

    Example
    -------
    >>> box_summary(pl.DataFrame({"h": [0.0, 1.0, 2.0, 3.0, 4.0]}), "h").row(0)
    (5, 0.4, 1.0, 2.0, 3.0, 3.6)
    """
    v = pl.col(value).drop_nulls()
    return group(frame, by, [v.len().cast(pl.Int64).alias("n")]
                 + [v.quantile(q, interpolation="linear").alias(name) for name, q in QUANTILES.items()])
