"""Pain points: touchpoints rated significantly below the average, ranked by how many unsatisfied interactions they
cause."""

from __future__ import annotations

import polars as pl


def pain_points(ratings: pl.DataFrame, volume: pl.DataFrame, key: str = "touchpoint",
                min_ratings: int = 1) -> pl.DataFrame:
    """pain_score = events × (100 − CSAT) / 100: the expected number of unsatisfied interactions; a pain point
    is a touchpoint rated significantly below the average: the upper end of its CSAT's 95% Wilson interval
    (``csat_high``) is below the average CSAT (the CSAT of all ``ratings``). A touchpoint whose CSAT is lower by
    chance alone (56% against a 57% average on a few hundred ratings) is not one.

    Takes ``ratings`` (``key``, ratings, satisfied, csat, mean_satisfaction — metrics.satisfaction.csat
    grouped by ``key``; every rating of the selection, so that their CSAT is the average) and
    ``volume`` (``key``, events). Touchpoints with fewer than ``min_ratings`` ratings are left out.

    Returns ``key``, events, ratings, csat, csat_high, mean_satisfaction, pain_score, below_average
    (csat_high < average_csat), average_csat; the touchpoints below the average first, each group by pain_score
    (highest first), then name. Only rows with ``below_average`` may be called pain points: a
    frequent touchpoint rated above the average has a high pain_score from volume alone.

    Example
    -------
    >>> ratings = pl.DataFrame({"touchpoint": ["login", "transfer"], "ratings": [50, 100],
    ...                         "satisfied": [10, 90], "csat": [20.0, 90.0], "mean_satisfaction": [2.0, 4.5]})
    >>> volume = pl.DataFrame({"touchpoint": ["login", "transfer"], "events": [100, 400]})
    >>> pain_points(ratings, volume).select("touchpoint", "pain_score", "below_average").rows()
    [('login', 80.0, True), ('transfer', 40.0, False)]

    The average CSAT over the 150 ratings is 66.7 %; login (20 %, at most 33 % at 95 %) is a pain point,
    transfer is not, though its score is not small.
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
        .with_columns(_wilson_high(pl.col("csat") / 100.0, pl.col("ratings").cast(pl.Float64)).alias("csat_high"))
        .with_columns(
            (pl.col("events") * (100.0 - pl.col("csat")) / 100.0).alias("pain_score"),
            (pl.col("csat_high") < average).fill_null(False).alias("below_average") if average is not None
            else pl.lit(False).alias("below_average"),
            pl.lit(average, pl.Float64).alias("average_csat"),
        )
        .select(key, "events", "ratings", "csat", "csat_high", "mean_satisfaction", "pain_score", "below_average",
                "average_csat")
        .sort(["below_average", "pain_score", key], descending=[True, True, False])
    )


Z95 = 1.959963984540054


def _wilson_high(share: pl.Expr, n: pl.Expr) -> pl.Expr:
    """The upper end of the 95% Wilson interval of a share (0–1) of ``n``, in % (metrics.confidence.csat_interval's
    interval, as an expression over every touchpoint at once)."""
    z2 = Z95 * Z95
    centre = share + z2 / (2 * n)
    spread = Z95 * (share * (1 - share) / n + z2 / (4 * n * n)).sqrt()
    return 100.0 * (centre + spread) / (1 + z2 / n)


def worst(points: pl.DataFrame, count: int = 3) -> pl.DataFrame:
    """The ``count`` worst pain points of ``pain_points``: touchpoints significantly below the average CSAT, highest
    pain_score first (fewer, or none, when fewer are)."""
    return points.filter(pl.col("below_average")).head(count)
