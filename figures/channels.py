"""Channels and handoffs: the handoff matrix, each channel's volume and scores, and NPS by number of handoffs.

With small-group suppression on (figures/privacy.py), a handoff, a channel or a handoff group of fewer than
min_group customers is left out with its complementary cells.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from figures import privacy
from metrics.handoffs import handoff_bucket, handoff_matrix
from metrics.nps import nps
from metrics.satisfaction import csat
from store import Dataset, Filters
from store import queries as q


def transitions(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Channel handoffs of the selected journeys (store.queries.transitions: from_channel, to_channel, count, most
    frequent first); a handoff of fewer than min_group customers left out with complementary handoffs out of the
    same channel (a channel's handoffs out add up)."""
    moves = q.transitions(ds, f)
    if privacy.min_group() is None:
        return moves
    return privacy.leave_out(moves, q.transition_customers(ds, f), ["from_channel", "to_channel"],
                             by=["from_channel"])


def handoffs(ds: Dataset, f: Filters, channels: Sequence[str]) -> pl.DataFrame:
    """metrics.handoffs.handoff_matrix of the selected journeys' handoffs, over the dataset's ``channels`` (in their
    order) that hand off; a handoff hidden as in ``transitions`` is null (not 0: it has handoffs, too few to
    show)."""
    moves = q.transitions(ds, f)
    if privacy.min_group() is not None:
        moves = privacy.hide(moves, q.transition_customers(ds, f), ["from_channel", "to_channel"], ["count"],
                             by=["from_channel"])
    used = set(moves["from_channel"].to_list()) | set(moves["to_channel"].to_list())
    return handoff_matrix(moves, [c for c in channels if c in used])


def channel_scores(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Per channel: events and journeys of its selected touchpoints, their satisfaction (ratings, satisfied, csat,
    mean_satisfaction) and the NPS of the selected journeys that touched it (promoters, passives, detractors,
    responses, nps). With a channel filter, the selected channels only: the journeys touching one also touched
    others, whose rows had an NPS but no touchpoint (so no events, no satisfaction). A channel of fewer than
    min_group customers is left out with its complementary channels (the channels' events add up to the selection's)."""
    volume = q.touchpoint_volume(ds, f, ["channel"])
    ratings = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["channel"]), by=["channel"], weight="n")
    answers = nps(q.journey_counts(ds, f, "nps", by=["channel"]), by=["channel"], weight="n")
    if f.channel:
        answers = answers.filter(pl.col("channel").is_in(list(f.channel)))
    scores = volume.join(ratings, on="channel", how="full", coalesce=True).join(
        answers, on="channel", how="full", coalesce=True).sort("channel")
    if privacy.min_group() is None:
        return scores
    return privacy.leave_out(scores, q.customers(ds, f, ["channel"]), ["channel"])


def nps_by_handoffs(ds: Dataset, f: Filters) -> pl.DataFrame:
    """NPS of the selected journeys per number of handoffs in the journey (metrics.handoffs.handoff_bucket:
    0, 1, 2, 3+): handoff_group, promoters, passives, detractors, responses, nps. A group answered by fewer than
    min_group customers is left out with its complementary groups (the groups' answers add up)."""
    groups = nps(handoff_bucket(q.journey_counts(ds, f, "nps", by=["handoffs"])), by=["handoff_group"], weight="n")
    if privacy.min_group() is None:
        return groups
    answered = handoff_bucket(q.journeys(ds, f, ["customer_id", "handoffs"], answered=True))
    sizes = answered.group_by("handoff_group").agg(customers=pl.col("customer_id").n_unique())
    return privacy.leave_out(groups, sizes, ["handoff_group"])
