"""Journey duration per persona and dwell time per stage."""

from __future__ import annotations

import polars as pl

from figures import privacy
from store import Dataset, Filters
from store import queries as q
from store import stage_queries as sq


def duration_by_persona(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Journey duration per persona and for all journeys (persona null): metrics.duration.duration_summary
    (journeys, median_hours, p90_hours, mean_hours) with the box of metrics.spread.box_summary (n, p10, q1,
    median, q3, p90), both computed in the store (q.duration_summary, tested equal). A persona of fewer than
    min_group customers is left out with its complementary personas."""
    per_persona = q.duration_summary(ds, f, ["persona"])
    overall = q.duration_summary(ds, f).with_columns(pl.lit(None, pl.String).alias("persona")).select(
        per_persona.columns)
    per_persona = per_persona.filter(pl.col("persona").is_not_null())
    if privacy.min_group() is not None:  # personas partition the journeys: complementary personas hidden too
        per_persona = privacy.leave_out(per_persona, q.customers(ds, f, ["persona"]), ["persona"])
    return pl.concat([overall, per_persona])


def dwell(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Dwell time per stage over the selected journeys, in stage order: metrics.dwell.dwell_summary (journeys,
    median_hours, p90_hours) with the box of metrics.spread.box_summary (n, p10, q1, median, q3, p90); a stage
    of fewer than min_group customers left out with its complementary stages."""
    # metrics.dwell.dwell_summary and metrics.spread.box_summary of metrics.dwell.stage_dwell, computed in the store
    # (tested equal): a row per stage leaves DuckDB, not one per journey and stage
    summary = sq.dwell_summary(ds, f)
    if privacy.min_group() is not None:  # as the stage table: a small stage and its complementary stages hidden
        summary = privacy.leave_out(summary, q.customers(ds, f, ["stage"]), ["stage"])
    position = {s: i for i, s in enumerate(ds.stage_order)}
    return summary.sort(pl.col("stage").replace_strict(position, default=len(position)), "stage")
