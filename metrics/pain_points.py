"""Pain points: touchpoints rated below the average, ranked by how many unsatisfied interactions they cause."""

from __future__ import annotations

import polars as pl


def pain_points(ratings: pl.DataFrame, volume: pl.DataFrame, key: str = "touchpoint",
                min_ratings: int = 1) -> pl.DataFrame:
    """pain_score = events × (100 − CSAT) / 100: the expected number of unsatisfied interactions; a pain point
    is a touchpoint whose CSAT is below the average (the CSAT of all ``ratings``).

    Takes ``ratings`` (``key``, ratings, satisfied, csat, mean_satisfaction — metrics.satisfaction.csat
    grouped by ``key``; every rating of the selection, so that their CSAT is the average) and
    ``volume`` (``key``, events). Touchpoints with fewer than ``min_ratings`` ratings are left out.

    Returns ``key``, events, ratings, csat, mean_satisfaction, pain_score, below_average (csat <
    average_csat), average_csat; the touchpoints below the average first, each group by pain_score
    (highest first), then name. Only rows with ``below_average`` may be called pain points: a
    frequent touchpoint rated above the average has a high pain_score from volume alone.

    Example
    -------
    login: 100 events, CSAT 20 % (score 80); transfer: 400 events, CSAT 90 % (score 40); the average
    CSAT over their 150 ratings is 66.7 %, so login is a pain point and transfer is not, though its
    score is not small.
    """
    satisfied = (pl.col("satisfied") if "satisfied" in ratings.columns
                 else pl.col("csat") * pl.col("ratings") / 100.0)
    totals = ratings.filter(pl.col("csat").is_not_null()).select(
        satisfied.sum().cast(pl.Float64).alias("s"), pl.col("ratings").sum().cast(pl.Float64).alias("n"))
    s, n = totals.row(0)
    average = 100.0 * s / n if n else None
    return (
        volume.select(key, "events")
        .join(ratings.select(key, "ratings", "csat", "mean_satisfaction"), on=key, how="inner")
        .filter(pl.col("ratings") >= min_ratings)
        .with_columns(
            (pl.col("events") * (100.0 - pl.col("csat")) / 100.0).alias("pain_score"),
            (pl.col("csat") < average).fill_null(False).alias("below_average") if average is not None
            else pl.lit(False).alias("below_average"),
            pl.lit(average, pl.Float64).alias("average_csat"),
        )
        .sort(["below_average", "pain_score", key], descending=[True, True, False])
    )


def worst(points: pl.DataFrame, count: int = 3) -> pl.DataFrame:
    """The ``count`` worst pain points of ``pain_points``: touchpoints below the average CSAT, highest pain_score
    first (fewer, or none, when fewer are below the average)."""
    return points.filter(pl.col("below_average")).head(count)
