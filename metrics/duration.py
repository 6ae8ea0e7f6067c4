"""Journey duration summaries."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics._common import group


def duration_summary(journeys: pl.DataFrame, by: Sequence[str] = (), hours: str = "duration_hours") -> pl.DataFrame:
    """Median and p90 of journey duration (last − first timestamp of the journey), in hours.

    Quantiles interpolate linearly between journeys (as numpy's default and DuckDB's
    quantile_cont). Without journeys both are null.

    Returns ``by``..., journeys (Int64), median_hours, p90_hours, mean_hours.

    Example
    -------
    >>> duration_summary(pl.DataFrame({"duration_hours": [0.0, 1.0, 2.0, 10.0]})).row(0)
    (4, 1.5, 7.600000000000001, 3.25)
    """
    h = pl.col(hours).drop_nulls()
    return group(journeys, by, [
        h.len().cast(pl.Int64).alias("journeys"),
        h.quantile(0.5, interpolation="linear").alias("median_hours"),
        h.quantile(0.9, interpolation="linear").alias("p90_hours"),
        h.mean().alias("mean_hours"),
    ])
