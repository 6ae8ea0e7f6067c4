"""The journey map: the emotion curve per stage and persona, the stage funnel and satisfaction per stage × channel."""

from __future__ import annotations

import polars as pl

from metrics.funnel import funnel as funnel_table
from metrics.satisfaction import csat
from store import Dataset, Filters
from store import queries as q
from store import stage_queries as sq


def emotion_curve(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Mean satisfaction per stage, per persona and for all journeys (persona null): stage, persona, ratings,
    mean_satisfaction, csat."""
    per_persona = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage", "persona"]),
                       by=["stage", "persona"], weight="n").filter(pl.col("persona").is_not_null())
    overall = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage"]), by=["stage"], weight="n")
    overall = overall.with_columns(pl.lit(None, pl.String).alias("persona")).select(per_persona.columns)
    return pl.concat([overall, per_persona])


def funnel(ds: Dataset, f: Filters) -> pl.DataFrame:
    """metrics.funnel: stage, journeys, reach_pct, drop_off_pct, in stage order."""
    return funnel_table(sq.stage_reach(ds, f), ds.stage_order, q.totals(ds, f)["journeys"])


def stage_channel(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Satisfaction per stage × channel: stage, channel, ratings, satisfied, csat, mean_satisfaction."""
    return csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage", "channel"]),
                by=["stage", "channel"], weight="n")
