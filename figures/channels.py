"""Channels and handoffs: the handoff matrix, each channel's volume and scores, and NPS by number of handoffs."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics.handoffs import handoff_bucket, handoff_matrix
from metrics.nps import nps
from metrics.satisfaction import csat
from store import Dataset, Filters
from store import queries as q


def handoffs(ds: Dataset, f: Filters, channels: Sequence[str]) -> pl.DataFrame:
    """metrics.handoffs.handoff_matrix of the selected journeys, over the dataset's ``channels`` (in their order) that hand off."""
    moves = q.transitions(ds, f)
    used = set(moves["from_channel"].to_list()) | set(moves["to_channel"].to_list())
    return handoff_matrix(moves, [c for c in channels if c in used])


def channel_scores(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Per channel: events and journeys of its selected touchpoints, their satisfaction (ratings, satisfied, csat,
    mean_satisfaction) and the NPS of the selected journeys that touched it (promoters, passives, detractors,
    responses, nps). With a channel filter, the selected channels only: the journeys touching one also touched
    others, whose rows had an NPS but no touchpoint (so no events, no satisfaction)."""
    volume = q.touchpoint_volume(ds, f, ["channel"])
    ratings = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["channel"]), by=["channel"], weight="n")
    answers = nps(q.journey_counts(ds, f, "nps", by=["channel"]), by=["channel"], weight="n")
    if f.channel:
        answers = answers.filter(pl.col("channel").is_in(list(f.channel)))
    return volume.join(ratings, on="channel", how="full", coalesce=True).join(
        answers, on="channel", how="full", coalesce=True).sort("channel")


def nps_by_handoffs(ds: Dataset, f: Filters) -> pl.DataFrame:
    """NPS of the selected journeys per number of handoffs in the journey (metrics.handoffs.handoff_bucket:
    0, 1, 2, 3+): handoff_group, promoters, passives, detractors, responses, nps."""
    return nps(handoff_bucket(q.journey_counts(ds, f, "nps", by=["handoffs"])), by=["handoff_group"], weight="n")
