"""Dwell time per stage: how long a journey stays in a stage before it reaches its next one."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics._common import group


def stage_dwell(entries: pl.DataFrame) -> pl.DataFrame:
    """Dwell time = hours from a journey's first touchpoint in a stage to its first touchpoint in the next stage it reaches.

    "Next" is in time: the stage whose first touchpoint comes next in the journey (equal times
    ordered by stage name). The last stage a journey reaches has no next stage, so it gets no
    dwell time and no row.

    Parameters
    ----------
    entries: journey_id, stage, entered (the journey's first timestamp in the stage), one row per
        journey and stage reached.

    Returns journey_id, stage, next_stage, dwell_hours (Float64).

    Example
    -------
    >>> import datetime as dt
    >>> at = lambda h: dt.datetime(2025, 1, 1) + dt.timedelta(hours=h)
    >>> stage_dwell(pl.DataFrame({"journey_id": ["j"] * 3, "stage": ["b", "a", "c"],
    ...                           "entered": [at(2), at(0), at(5)]})).rows()
    [('j', 'a', 'b', 2.0), ('j', 'b', 'c', 3.0)]
    """
    # Sorted by journey, each row's next row is its next stage when it belongs to the same journey
    # (a plain shift: no per-journey window over millions of rows).
    same = pl.col("journey_id").shift(-1) == pl.col("journey_id")
    return (
        entries.sort(["journey_id", "entered", "stage"])
        .with_columns(
            pl.when(same).then(pl.col("stage").shift(-1)).alias("next_stage"),
            pl.when(same).then((pl.col("entered").shift(-1) - pl.col("entered")).dt.total_microseconds() / 3.6e9)
            .alias("dwell_hours"),
        )
        .filter(same.fill_null(False))
        .select("journey_id", "stage", "next_stage", pl.col("dwell_hours").cast(pl.Float64))
    )


def dwell_summary(dwell: pl.DataFrame, by: Sequence[str] = ("stage",)) -> pl.DataFrame:
    """Median and p90 of stage dwell time in hours (quantiles interpolate linearly), per ``by`` group.

    Takes stage_dwell's rows. Returns ``by``..., journeys (Int64: journeys that left the stage
    for a next one), median_hours, p90_hours; null quantiles without journeys.

    Example
    -------
    >>> dwell_summary(pl.DataFrame({"stage": ["a"] * 4, "dwell_hours": [0.0, 1.0, 2.0, 10.0]})).row(0)
    ('a', 4, 1.5, 7.600000000000001)
    """
    h = pl.col("dwell_hours").drop_nulls()
    return group(dwell, by, [
        h.len().cast(pl.Int64).alias("journeys"),
        h.quantile(0.5, interpolation="linear").alias("median_hours"),
        h.quantile(0.9, interpolation="linear").alias("p90_hours"),
    ])
