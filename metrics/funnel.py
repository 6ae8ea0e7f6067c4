"""Stage funnel and the per-stage table."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics._common import pct


def funnel(reach: pl.DataFrame, stage_order: Sequence[str], total_journeys: int) -> pl.DataFrame:
    """Funnel = % of journeys reaching each stage (having any touchpoint in it), stages in order.

    Takes ``stage``, ``journeys`` (journeys reaching it) and the number of journeys in the
    selection. Returns stage, journeys, reach_pct (of all selected journeys) and drop_off_pct
    (% of the previous stage's journeys not reaching this one; null for the first stage).
    """
    out = pl.DataFrame({"stage": list(stage_order)}, schema={"stage": pl.String}).join(
        reach.select("stage", "journeys"), on="stage", how="left", maintain_order="left"
    ).with_columns(pl.col("journeys").fill_null(0).cast(pl.Int64))
    prev = pl.col("journeys").shift(1)
    return out.with_columns(
        pct(pl.col("journeys"), pl.lit(total_journeys)).alias("reach_pct"),
        pct(prev - pl.col("journeys"), prev).alias("drop_off_pct"),
    )


def stage_table(volume: pl.DataFrame, ratings: pl.DataFrame, reach: pl.DataFrame,
                stage_order: Sequence[str]) -> pl.DataFrame:
    """Per stage, in stage order: events, journeys reaching it, mean satisfaction, CSAT.

    Takes ``volume`` (stage, events), ``ratings`` (stage, csat, mean_satisfaction — see
    metrics.satisfaction.csat) and ``reach`` (stage, journeys). A stage without events has
    events 0 and null satisfaction.
    """
    base = pl.DataFrame({"stage": list(stage_order)}, schema={"stage": pl.String})
    return (
        base.join(volume.select("stage", "events"), on="stage", how="left", maintain_order="left")
        .join(reach.select("stage", "journeys"), on="stage", how="left", maintain_order="left")
        .join(ratings.select("stage", "mean_satisfaction", "csat"), on="stage", how="left", maintain_order="left")
        .with_columns(pl.col("events", "journeys").fill_null(0).cast(pl.Int64))
        .select("stage", "events", "journeys", "mean_satisfaction", "csat")
    )
