"""Did a change work? A target's CSAT before vs after a launch date, and the difference-in-differences against the
rest (the untouched stages, touchpoints or channels) over the same dates.

Each rating counts as an independent answer (the same assumption as metrics.significance): with many ratings per
journey at one stage the intervals are somewhat too narrow.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, replace

import polars as pl

from metrics.confidence import Z_95, csat_interval, two_sided_p
from metrics.significance import ALPHA, Comparison, csat_change


@dataclass(frozen=True)
class Side:
    """CSAT of one group over one span: satisfied of ratings, in %, with its 95% Wilson interval."""

    ratings: int
    satisfied: int
    csat: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Impact:
    """An action's measured impact on CSAT (percentage points).

    ``change``: after − before at the target (two-proportion z test); ``did_pp``: that change minus the same change
    in the rest, with its 95% interval and two-sided p-value (z on the unpooled variance of the four shares);
    ``reason`` (a key of the loop's messages) says why the impact could not be measured, with everything else None.
    """

    launch_date: dt.date
    target_before: Side
    target_after: Side
    rest_before: Side
    rest_after: Side
    change: Comparison | None
    did_pp: float | None
    did_low: float | None
    did_high: float | None
    did_p_value: float | None
    did_significant: bool | None
    reason: str | None = None

    def to_dict(self) -> dict:
        out = asdict(self)
        out["launch_date"] = self.launch_date.isoformat()
        return out


def _side(frame: pl.DataFrame) -> Side:
    ratings, satisfied = int(frame["ratings"].sum()), int(frame["satisfied"].sum())
    if ratings == 0:
        return Side(0, 0, None, None, None)
    low, high = csat_interval(satisfied, ratings)
    return Side(ratings, satisfied, 100.0 * satisfied / ratings, low, high)


def impact(daily: pl.DataFrame, launch_date: dt.date, min_sample: int = 30) -> Impact:
    """The impact of a change launched on ``launch_date`` (that day counts as after).

    Parameters
    ----------
    daily: date (Date), target (Boolean: the action's stage/touchpoint/channel, else the rest), ratings, satisfied
        (satisfaction ratings and those ≥ 4, e.g. metrics.satisfaction.csat by date and target).
    min_sample: fewer ratings than this on any of the four sides: the impact is not measured (reason
        ``impact_too_few``).

    Example
    -------
    >>> d = pl.DataFrame({"date": [dt.date(2026, 10, 1), dt.date(2026, 11, 1)] * 2,
    ...                   "target": [True, True, False, False],
    ...                   "ratings": [100, 100, 200, 200], "satisfied": [50, 70, 60, 66]})
    >>> i = impact(d, dt.date(2026, 11, 1))
    >>> round(i.did_pp, 6), round(i.did_p_value, 4)   # (70 − 50) − (33 − 30) = 17 pp
    (17.0, 0.0386)
    """
    before, after = pl.col("date") < launch_date, pl.col("date") >= launch_date
    target, rest = pl.col("target"), ~pl.col("target")
    sides = {name: _side(daily.filter(when & who)) for name, when, who in (
        ("target_before", before, target), ("target_after", after, target),
        ("rest_before", before, rest), ("rest_after", after, rest))}
    empty = Impact(launch_date, **sides, change=None, did_pp=None, did_low=None, did_high=None, did_p_value=None,
                   did_significant=None)
    if sides["target_before"].ratings == 0 or sides["target_after"].ratings == 0:
        return replace(empty, reason="impact_no_ratings")
    if sides["rest_before"].ratings == 0 or sides["rest_after"].ratings == 0:
        return replace(empty, reason="impact_no_rest")
    if min(s.ratings for s in sides.values()) < min_sample:
        return replace(empty, reason="impact_too_few")
    tb, ta, rb, ra = (sides[k] for k in ("target_before", "target_after", "rest_before", "rest_after"))
    change = csat_change({"satisfied": ta.satisfied, "ratings": ta.ratings},
                         {"satisfied": tb.satisfied, "ratings": tb.ratings}, min_sample)
    did = (ta.csat - tb.csat) - (ra.csat - rb.csat)
    variance = sum((s.csat / 100.0) * (1 - s.csat / 100.0) / s.ratings for s in (tb, ta, rb, ra))
    se = 100.0 * math.sqrt(variance)
    if se == 0:
        return replace(empty, change=change, did_pp=did, reason="impact_no_variation")
    p_value = float(two_sided_p(did / se))
    return Impact(launch_date, **sides, change=change, did_pp=did, did_low=did - Z_95 * se,
                  did_high=did + Z_95 * se, did_p_value=p_value, did_significant=p_value < ALPHA)

