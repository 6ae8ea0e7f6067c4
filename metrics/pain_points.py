"""Pain points: touchpoints ranked by volume × dissatisfaction."""

from __future__ import annotations

import polars as pl


def pain_points(ratings: pl.DataFrame, volume: pl.DataFrame, key: str = "touchpoint",
                min_ratings: int = 1) -> pl.DataFrame:
    """pain_score = events × (100 − CSAT) / 100: the expected number of unsatisfied interactions.

    Takes ``ratings`` (``key``, ratings, csat, mean_satisfaction — see metrics.satisfaction.csat,
    grouped by ``key``) and ``volume`` (``key``, events). Touchpoints with fewer than
    ``min_ratings`` ratings are left out. Sorted worst first.
    """
    return (
        volume.select(key, "events")
        .join(ratings.select(key, "ratings", "csat", "mean_satisfaction"), on=key, how="inner")
        .filter(pl.col("ratings") >= min_ratings)
        .with_columns((pl.col("events") * (100.0 - pl.col("csat")) / 100.0).alias("pain_score"))
        .sort(["pain_score", key], descending=[True, False])
    )
