"""Episodes: one journey's timeline as an analyst reads it."""

from __future__ import annotations

import polars as pl

from metrics.mask import mask_column


def timeline(events: pl.DataFrame) -> pl.DataFrame:
    """The touchpoints of one journey, in the given (journey) order, with ``gap_hours``: hours since the
    previous touchpoint (null for the first), and ``comment`` with personal data masked (metrics.mask).

    Example: touchpoints at 09:00, 09:00 and 10:30 have gaps null, 0.0 and 1.5.
    """
    out = events.with_columns(
        ((pl.col("timestamp") - pl.col("timestamp").shift(1)).dt.total_microseconds() / 3.6e9).alias("gap_hours"))
    return mask_column(out, "comment")
