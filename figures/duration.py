"""Journey duration per persona and dwell time per stage."""

from __future__ import annotations

import polars as pl

from figures import privacy
from metrics.duration import duration_summary
from metrics.spread import box_summary
from store import Dataset, Filters
from store import queries as q
from store import stage_queries as sq


def _journey_facts(ds: Dataset, f: Filters) -> pl.DataFrame:
    return q.journeys(ds, f, ["persona", "duration_hours", "handoffs"])


def duration_by_persona(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Journey duration per persona and for all journeys (persona null): metrics.duration.duration_summary
    (journeys, median_hours, p90_hours, mean_hours) with the box of metrics.spread.box_summary (n, p10, q1,
    median, q3, p90). A persona of fewer than min_group customers is left out with its complementary personas."""
    facts = _journey_facts(ds, f)
    per_persona = duration_summary(facts, by=["persona"]).join(
        box_summary(facts, "duration_hours", by=["persona"]), on="persona", nulls_equal=True)
    overall = pl.concat([duration_summary(facts), box_summary(facts, "duration_hours")], how="horizontal")
    overall = overall.with_columns(pl.lit(None, pl.String).alias("persona")).select(per_persona.columns)
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
