"""Journey paths and transitions, queried per selection (written once per data version by store.facts.journey_steps).

``steps.parquet`` holds, per journey, every touchpoint at which the stage or the channel changes
(and the first one): journey_id, seq, prev_stage, stage, prev_channel, channel, hours (since the
previous touchpoint), the journey's journey_first_ts, journey_persona and journey_nps (as the
journey facts define them), so a period or persona filter and the NPS of a transition's journeys need
no join, journey_stage_channel_mask (the journey facts' stage × channel bits), and first_stage_move /
first_channel_move (the journey's first move along that edge), so
journeys per edge need no distinct count. Each journey's stage path and channel path (its stages / channels in journey order,
consecutive repeats collapsed) are columns of the journey facts, ``stage_path`` and ``channel_path``:
the values joined by SEP. metrics.paths holds the same definitions in Polars; a test holds the two equal.
"""

from __future__ import annotations

import duckdb
import polars as pl

from store.facts.dataset import Dataset
from store.facts.journey_steps import KINDS, MAP_KINDS, SEP, _steps_path
from store.filters import Filters
from store.queries import _query, _with, pushed_conditions


def _kind(kind: str, kinds: tuple[str, ...] = KINDS) -> str:
    if kind not in kinds:
        raise ValueError(f"unknown path kind {kind!r}; allowed: {list(kinds)}")
    return kind


def path_stats(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """Per ``kind`` path of the selected journeys: path (values joined by SEP), journeys,
    median_journey_hours (median of the journeys' duration_hours), in no particular order."""
    sql, params = _with(ds, f)
    return _query(
        ds, sql + f"SELECT {_kind(kind)}_path AS path, count(*) AS journeys, "
        "median(duration_hours) AS median_journey_hours FROM sel GROUP BY ALL",
        params,
    )


def path_customers(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """Distinct customers of the selected journeys on each ``kind`` path: path (values joined by SEP), customers."""
    sql, params = _with(ds, f)
    return _query(
        ds, sql + f"SELECT {_kind(kind)}_path AS path, count(DISTINCT customer_id) AS customers FROM sel GROUP BY ALL",
        params,
    )


def path_answers(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """How many selected journeys on each ``kind`` path gave each NPS answer: path, nps, n."""
    sql, params = _with(ds, f)
    return _query(
        ds, sql + f"SELECT {_kind(kind)}_path AS path, nps, count(*) AS n FROM sel WHERE nps IS NOT NULL GROUP BY ALL",
        params,
    )


def _moves(ds: Dataset, f: Filters, kind: str, params: dict) -> str:
    """The transitions of ``kind`` of the selected journeys: from, to, hours, first (the journey's first move along
    this edge), nps (the journey's).

    A period filter, a persona filter of the data's own persona and a channel or stage filter (when the journeys
    carry stage × channel bits) are conditions on the steps' copies of the journey's first_ts, persona and bits;
    any other selection is a semi-join on the selected journeys."""
    k = _kind(kind, MAP_KINDS)
    conds = [f"prev_{k} <> {k}"]
    conds += pushed_conditions(ds, f, "m", params)
    params["steps"] = _steps_path(ds, k)
    return (f"SELECT journey_id, prev_{k} AS \"from\", {k} AS \"to\", hours, first_{k}_move AS first, "
            "journey_nps AS nps "
            f"FROM read_parquet($steps) m WHERE {' AND '.join(conds)}")


# The median of each transition's hours by sorting, for when the aggregate ``median`` runs out of memory: a holistic
# aggregate holds every value of its groups and cannot spill (at 50M events, 23M stage moves beside the late facts
# pass hit the 1 GB limit), a window's sort spills. The value at 0-based rank k of a transition's n hours is the
# smallest hours whose running count exceeds k; the median is lo * 0.5 + hi * 0.5 for the ranks floor((n-1)/2)
# and ceil((n-1)/2), DuckDB's own interpolation of doubles (lo * (1 - d) + hi * d), so the two give the same double. Slower (10M: 0.25 → 1.17 s).
_SORTED_MEDIAN = """, s AS (SELECT "from", "to", count(*) AS count, count(*) FILTER (WHERE first) AS journeys FROM m GROUP BY ALL),
    h AS (SELECT "from", "to", hours, count(*) AS c FROM m WHERE hours IS NOT NULL GROUP BY ALL),
    w AS (SELECT "from", "to", hours, sum(c) OVER (PARTITION BY "from", "to" ORDER BY hours ROWS UNBOUNDED PRECEDING)
          AS upto, sum(c) OVER (PARTITION BY "from", "to") AS n FROM h),
    q AS (SELECT "from", "to", min(hours) FILTER (WHERE upto >= floor((n - 1) / 2) + 1) AS lo,
          min(hours) FILTER (WHERE upto >= ceil((n - 1) / 2) + 1) AS hi FROM w GROUP BY ALL)
    SELECT s."from", s."to", s.count, s.journeys, q.lo * 0.5 + q.hi * 0.5 AS median_hours
    FROM s LEFT JOIN q USING ("from", "to")"""


def transition_stats(ds: Dataset, f: Filters, kind: str, *, sorted_median: bool = False) -> pl.DataFrame:
    """Per ``kind`` transition (two consecutive touchpoints of a selected journey whose stage, channel or
    touchpoint differs; for touchpoints, consecutive among the named ones): from, to, count, journeys (distinct),
    median_hours between the two touchpoints. ``kind`` touchpoint needs ``has_touchpoint_map``.

    The median by DuckDB's ``median``, or by sorting (``_SORTED_MEDIAN``, equal) when that runs out of memory or
    ``sorted_median``."""
    sql, params = _with(ds, f)
    sql += f", m AS ({_moves(ds, f, kind, params)})"
    if not sorted_median:
        try:
            return _query(ds, sql + " SELECT \"from\", \"to\", count(*) AS count, count(*) FILTER (WHERE first) "
                          "AS journeys, median(hours) AS median_hours FROM m GROUP BY ALL", params)
        except duckdb.OutOfMemoryException:
            pass
    return _query(ds, sql + _SORTED_MEDIAN, params)


def transition_customers(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """Distinct customers of the selected journeys taking each ``kind`` transition: from, to, customers."""
    sql, params = _with(ds, f)
    return _query(
        ds, sql + f", m AS ({_moves(ds, f, kind, params)}) SELECT m.\"from\", m.\"to\", "
        "count(DISTINCT s.customer_id) AS customers FROM m JOIN sel s USING (journey_id) WHERE m.first GROUP BY ALL",
        params,
    )


def transition_answers(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """How many selected journeys taking each ``kind`` transition gave each NPS answer (a journey counts
    once per transition however often it takes it): from, to, nps, n."""
    sql, params = _with(ds, f)
    return _query(
        ds, sql + f", m AS ({_moves(ds, f, kind, params)}) SELECT \"from\", \"to\", nps, count(*) AS n FROM m "
        "WHERE first AND nps IS NOT NULL GROUP BY ALL",
        params,
    )


def journey_paths(ds: Dataset, f: Filters) -> pl.DataFrame:
    """The selected journeys' paths: journey_id, stage_path, channel_path (lists)."""
    sql, params = _with(ds, f)
    return _query(ds, sql + "SELECT journey_id, string_split(stage_path, chr(31)) AS stage_path, "
                  "string_split(channel_path, chr(31)) AS channel_path FROM sel", params)


__all__ = ["KINDS", "MAP_KINDS", "SEP", "journey_paths", "path_answers", "path_stats", "transition_answers",
           "transition_customers", "transition_stats"]
