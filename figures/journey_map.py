"""The journey map: the emotion curve per stage and persona, the stage funnel and satisfaction per stage × channel."""

from __future__ import annotations

import polars as pl

from figures import privacy
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
    if privacy.min_group() is not None:  # a persona's point at a stage of fewer than min_group customers: a gap
        per_persona = privacy.leave_out(per_persona, q.touchpoint_customers(ds, f, ["stage", "persona"]),
                                        ["stage", "persona"], by=["stage"])
    overall = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage"]), by=["stage"], weight="n")
    if privacy.min_group() is not None:  # the stage table's rule: complementary stages hidden with a small one
        overall = privacy.leave_out(overall, q.touchpoint_customers(ds, f, ["stage"]), ["stage"])
    overall = overall.with_columns(pl.lit(None, pl.String).alias("persona")).select(per_persona.columns)
    return pl.concat([overall, per_persona])


def funnel(ds: Dataset, f: Filters) -> pl.DataFrame:
    """metrics.funnel: stage, journeys, reach_pct, drop_off_pct, in stage order. With suppression on, a stage
    reached by fewer than min_group customers (and its complementary stages, as in the stage table) has its figures
    null, and so has the drop-off after it (it would give the hidden stage's journeys away)."""
    steps = funnel_table(sq.stage_reach(ds, f), ds.stage_order, q.totals(ds, f)["journeys"])
    if privacy.min_group() is None:
        return steps
    hidden = privacy.hide(steps, q.customers(ds, f, ["stage"]), ["stage"], ["journeys", "reach_pct", "drop_off_pct"])
    after_hidden = pl.col("suppressed").shift(1).fill_null(False)
    return hidden.with_columns(pl.when(after_hidden).then(None).otherwise(pl.col("drop_off_pct")).alias("drop_off_pct"))


def stage_channel(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Satisfaction per stage × channel: stage, channel, ratings, satisfied, csat, mean_satisfaction, suppressed. With
    suppression on, a cell of fewer than min_group customers has its figures null and ``suppressed`` true, and so
    have complementary cells of the same stage (a stage's ratings add up over its channels)."""
    cells = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage", "channel"]), by=["stage", "channel"],
                 weight="n")
    if privacy.min_group() is None:
        return cells.with_columns(pl.lit(False).alias("suppressed"))
    return privacy.hide(cells, q.touchpoint_customers(ds, f, ["stage", "channel"]), ["stage", "channel"],
                        ["ratings", "satisfied", "csat", "mean_satisfaction"], by=["stage"])
