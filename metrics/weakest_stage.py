"""Each group's weakest stage: where its touchpoints are rated lowest, among stages with enough ratings."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl


def weakest_stage(stage_ratings: pl.DataFrame, by: Sequence[str] = ("persona",), min_ratings: int = 30
                  ) -> pl.DataFrame:
    """Weakest stage = the stage with the lowest mean satisfaction among stages with ≥ ``min_ratings`` ratings.

    Takes metrics.satisfaction.csat per ``by`` + stage (columns ``by``..., stage, ratings,
    mean_satisfaction, csat). Ties go to the stage with more ratings, then the stage name. A
    group with no stage of enough ratings keeps its row with stage and figures null.

    Returns ``by``..., stage, mean_satisfaction, csat, ratings, one row per group, sorted by ``by``.

    Example
    -------
    >>> rows = pl.DataFrame({"persona": ["p", "p", "q"], "stage": ["a", "b", "a"], "ratings": [40, 5, 3],
    ...                      "mean_satisfaction": [3.5, 2.0, 1.0], "csat": [50.0, 20.0, 0.0]})
    >>> weakest_stage(rows).rows()
    [('p', 'a', 3.5, 50.0, 40), ('q', None, None, None, None)]
    """
    by = list(by)
    groups = stage_ratings.select(by).unique()
    qualified = (
        stage_ratings.filter((pl.col("ratings") >= min_ratings) & pl.col("mean_satisfaction").is_not_null())
        .sort([*by, "mean_satisfaction", "ratings", "stage"], descending=[False] * len(by) + [False, True, False],
              nulls_last=True)
        .group_by(by, maintain_order=True).first()
        .select(*by, "stage", "mean_satisfaction", "csat", pl.col("ratings").cast(pl.Int64))
    )
    return groups.join(qualified, on=by, how="left", nulls_equal=True).sort(by, nulls_last=True)
