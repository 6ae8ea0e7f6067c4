"""CSAT (top-2-box satisfaction), mean satisfaction and CES."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics._common import WEIGHT, answered, group, pct


def csat(ratings: pl.DataFrame, by: Sequence[str] = (), score: str = "satisfaction",
         weight: str | None = None) -> pl.DataFrame:
    """CSAT = % of satisfaction ratings ≥ 4 (top-2-box on the 1–5 scale); also mean satisfaction.

    Null ratings are not ratings. Without ratings both figures are null.

    Returns ``by``..., ratings (Int64), satisfied (Int64), csat (0–100), mean_satisfaction.

    Example
    -------
    >>> csat(pl.DataFrame({"satisfaction": [5, 4, 2, 1]})).row(0)
    (4, 2, 50.0, 3.0)
    """
    s, w = pl.col(score), pl.col(WEIGHT)
    out = group(answered(ratings, score, weight), by, [
        w.sum().alias("ratings"),
        w.filter(s >= 4).sum().alias("satisfied"),
        (s * w).sum().alias("_total"),
    ])
    return out.with_columns(pl.col("ratings", "satisfied").cast(pl.Int64)).with_columns(
        pct(pl.col("satisfied"), pl.col("ratings")).alias("csat"),
        pl.when(pl.col("ratings") > 0).then(pl.col("_total") / pl.col("ratings")).alias("mean_satisfaction"),
    ).drop("_total")


def ces(ratings: pl.DataFrame, by: Sequence[str] = (), score: str = "ces", weight: str | None = None) -> pl.DataFrame:
    """CES = mean Customer Effort Score (CES 2.0, 1–7, higher = easier) over ces answers; null without answers.

    Returns ``by``..., ces_responses (Int64), ces.

    Example
    -------
    >>> ces(pl.DataFrame({"ces": [7, 5, None]})).row(0)
    (2, 6.0)
    """
    s, w = pl.col(score), pl.col(WEIGHT)
    out = group(answered(ratings, score, weight), by, [w.sum().alias("ces_responses"), (s * w).sum().alias("_total")])
    return out.with_columns(pl.col("ces_responses").cast(pl.Int64)).with_columns(
        pl.when(pl.col("ces_responses") > 0).then(pl.col("_total") / pl.col("ces_responses")).alias("ces")
    ).drop("_total")
