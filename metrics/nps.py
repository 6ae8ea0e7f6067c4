"""Net Promoter Score."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics._common import WEIGHT, answered, group, pct


def nps(answers: pl.DataFrame, by: Sequence[str] = (), score: str = "nps", weight: str | None = None) -> pl.DataFrame:
    """NPS = % promoters (9–10) − % detractors (0–6) over nps answers, in [-100, 100]; no answers → None.

    Parameters
    ----------
    answers: one row per answer (``score`` 0–10; null rows are not answers), or per distinct
        answer with its count in ``weight``.
    by: grouping columns; one output row per group (one row in all when empty).

    Returns
    -------
    ``by``..., promoters, passives, detractors, responses (Int64), nps (Float64, null without answers).

    Example
    -------
    >>> nps(pl.DataFrame({"nps": [10, 9, 7, 3]}))["nps"][0]   # (2 − 1) / 4
    25.0
    """
    s, w = pl.col(score), pl.col(WEIGHT)
    out = group(answered(answers, score, weight), by, [
        w.filter(s >= 9).sum().alias("promoters"),
        w.filter((s >= 7) & (s < 9)).sum().alias("passives"),
        w.filter(s <= 6).sum().alias("detractors"),
        w.sum().alias("responses"),
    ])
    counts = ["promoters", "passives", "detractors", "responses"]
    return out.with_columns(pl.col(counts).cast(pl.Int64)).with_columns(
        pct(pl.col("promoters") - pl.col("detractors"), pl.col("responses")).alias("nps")
    )


def nps_value(answers: pl.DataFrame, score: str = "nps", weight: str | None = None) -> float | None:
    """The NPS of all ``answers`` as one number (None without answers)."""
    return nps(answers, score=score, weight=weight)["nps"][0]
