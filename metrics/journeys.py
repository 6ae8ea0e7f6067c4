"""Journey-level facts from touchpoint events: the reference definitions.

store.dataset computes the same facts in DuckDB, in one pass, for large data; a test holds the
two equal. Events of a journey are ordered by timestamp, then stage, channel, touchpoint
and nps (so equal timestamps order the same way every time; input row order means nothing).
"""

from __future__ import annotations

import polars as pl

EVENT_ORDER = ("timestamp", "stage", "channel", "touchpoint", "nps")


def ordered(events: pl.DataFrame) -> pl.DataFrame:
    """Events sorted by journey, then EVENT_ORDER (columns absent from ``events`` are skipped)."""
    keys = ["journey_id"] + [c for c in EVENT_ORDER if c in events.columns]
    return events.sort(keys, nulls_last=True)


def with_previous_channel(events: pl.DataFrame) -> pl.DataFrame:
    """Events in journey order with ``prev_channel``: the channel of the journey's previous touchpoint."""
    return ordered(events).with_columns(pl.col("channel").shift(1).over("journey_id").alias("prev_channel"))


def is_handoff() -> pl.Expr:
    """A channel handoff: two consecutive touchpoints of one journey in different channels."""
    return pl.col("prev_channel").is_not_null() & (pl.col("prev_channel") != pl.col("channel"))


def journey_facts(events: pl.DataFrame) -> pl.DataFrame:
    """One row per journey: first_ts, last_ts, duration_hours (last − first), events, handoffs, channels, nps.

    ``nps`` is the journey's answer: its last non-null nps answer in journey order (null when none).

    Example: a journey app 09:00 → web 10:30 → app 11:00 has duration_hours 2.0 and 2 handoffs.
    """
    ev = with_previous_channel(events)
    nps = pl.col("nps").drop_nulls().last() if "nps" in ev.columns else pl.lit(None, pl.Int64)
    return ev.group_by("journey_id", maintain_order=True).agg(
        pl.col("timestamp").min().alias("first_ts"),
        pl.col("timestamp").max().alias("last_ts"),
        ((pl.col("timestamp").max() - pl.col("timestamp").min()).dt.total_microseconds() / 3.6e9)
        .alias("duration_hours"),
        pl.len().cast(pl.Int64).alias("events"),
        is_handoff().sum().cast(pl.Int64).alias("handoffs"),
        pl.col("channel").n_unique().cast(pl.Int64).alias("channels"),
        nps.alias("nps"),
    )


def channel_transitions(events: pl.DataFrame) -> pl.DataFrame:
    """Handoffs counted by from_channel → to_channel, most frequent first."""
    ev = with_previous_channel(events).filter(is_handoff())
    return (
        ev.group_by(pl.col("prev_channel").alias("from_channel"), pl.col("channel").alias("to_channel"))
        .agg(pl.len().cast(pl.Int64).alias("count"))
        .sort(["count", "from_channel", "to_channel"], descending=[True, False, False])
    )
