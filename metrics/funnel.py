"""Stage funnel and the per-stage table."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics._common import pct


def funnel(reach: pl.DataFrame, stage_order: Sequence[str], total_journeys: int) -> pl.DataFrame:
    """Funnel = % of journeys reaching each stage (having any touchpoint in it), stages in order; a stage that a
    later stage out-reaches is optional and not a funnel step.

    Takes ``stage``, ``journeys`` (journeys reaching it) and the number of journeys in the
    selection. Returns stage, journeys, reach_pct (of all selected journeys), ``optional`` (some
    later stage is reached by more journeys: journeys pass it by, e.g. a support stage) and
    drop_off_pct: % of the previous *step*'s journeys (the last stage before it that is not
    optional) not reaching this one; null for the first step and for optional stages. Along the
    steps reach never rises, so a drop-off is never negative.
    """
    out = pl.DataFrame({"stage": list(stage_order)}, schema={"stage": pl.String}).join(
        reach.select("stage", "journeys"), on="stage", how="left", maintain_order="left"
    ).with_columns(pl.col("journeys").fill_null(0).cast(pl.Int64))
    # the most journeys any later stage reaches (null for the last stage)
    later = pl.col("journeys").reverse().cum_max().reverse().shift(-1)
    out = out.with_columns(optional=(later > pl.col("journeys")).fill_null(False))
    step = pl.when(~pl.col("optional")).then(pl.col("journeys"))
    prev = step.shift(1).forward_fill()
    return out.with_columns(
        pct(pl.col("journeys"), pl.lit(total_journeys)).alias("reach_pct"),
        pl.when(~pl.col("optional")).then(pct(prev - pl.col("journeys"), prev)).alias("drop_off_pct"),
    ).select("stage", "journeys", "reach_pct", "drop_off_pct", "optional")


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
