"""Journey paths and transitions: written once per data version in the facts pass, queried per selection.

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

import dataclasses
import math
from pathlib import Path

import polars as pl

from store.dataset import Dataset
from store.filters import Filters, journey_conditions
from store.queries import _query, _with

KINDS = ("stage", "channel")  # what a path or a transition is made of (an allow-list for identifiers)
MAP_KINDS = (*KINDS, "touchpoint")  # what a process map's nodes can be (touchpoints: when there are not too many)
MAX_MAP_TOUCHPOINTS = 40
TOUCHPOINT_STEPS = "touchpoint_steps.parquet"
SEP = chr(31)  # joins a path's values into one text (the journey facts' stage_path, channel_path)
# Steps per part when the paths are aggregated: an ordered aggregate holds its groups in memory, so the journeys are
# split into parts by a hash of their id (at 10M events, 7M steps in 4 parts fit a 150 MB memory limit; in one, not).
_STEPS_PER_PART = 2_000_000


def write_steps(cur, events_path: str, out_dir: str | Path, mask_stages: list[str] = (),
                mask_channels: list[str] = ()) -> list[str]:
    """The facts pass's part before the journey facts: steps.parquet, and each journey's paths in part files
    (journey_id, stage_path, channel_path) for the journey facts to join; returns the part files.

    One window over the journey-ordered events (ordered by ``seq``, the journey order of store.dataset). With
    ``mask_stages`` and ``mask_channels`` (the journey facts' stage × channel bits), each step carries its journey's
    ``journey_stage_channel_mask``, so a channel or stage filter on the process map is one AND per step.
    """
    out_dir = Path(out_dir)
    steps = str(out_dir / "steps.parquet")
    mask = "CAST(NULL AS UBIGINT)"
    if mask_stages and mask_channels:
        n = len(mask_channels)
        mask = ("CAST(bit_or(CAST(1 AS UBIGINT) << CAST((list_position(CAST($mask_stages AS VARCHAR[]), "
                f"CAST(stage AS VARCHAR)) - 1) * {n} + list_position(CAST($mask_channels AS VARCHAR[]), "
                "CAST(channel AS VARCHAR)) - 1 AS INTEGER)) OVER (PARTITION BY journey_id) AS UBIGINT)")
    cur.sql(
        """COPY (
            SELECT journey_id, seq, prev_stage, stage, prev_channel, channel, hours,
                   journey_first_ts, journey_persona, journey_nps, journey_stage_channel_mask,
                   -- the journey's first move along this edge: journeys per edge without a distinct count
                   prev_stage <> stage AND row_number() OVER (PARTITION BY journey_id, prev_stage, stage
                                                              ORDER BY seq) = 1 AS first_stage_move,
                   prev_channel <> channel AND row_number() OVER (PARTITION BY journey_id, prev_channel, channel
                                                                  ORDER BY seq) = 1 AS first_channel_move
            FROM (
                SELECT journey_id, seq, CAST(stage AS VARCHAR) AS stage, CAST(channel AS VARCHAR) AS channel,
                       CAST(lag(stage) OVER w AS VARCHAR) AS prev_stage,
                       CAST(lag(channel) OVER w AS VARCHAR) AS prev_channel,
                       (epoch_us(timestamp) - epoch_us(lag(timestamp) OVER w)) / 3.6e9 AS hours,
                       journey_first_ts, CAST(journey_persona AS VARCHAR) AS journey_persona,
                       -- the journey facts' nps: its last answer in journey order
                       CAST(last_value(nps IGNORE NULLS) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING
                                                               AND UNBOUNDED FOLLOWING) AS TINYINT) AS journey_nps,
                       {mask} AS journey_stage_channel_mask
                FROM read_parquet($ev)
                WINDOW w AS (PARTITION BY journey_id ORDER BY seq)
            ) WHERE prev_stage IS NULL OR prev_stage <> stage OR prev_channel <> channel
        ) TO $out (FORMAT parquet, COMPRESSION zstd)""".replace("{mask}", mask),
        params={"ev": events_path, "out": steps,
                **({"mask_stages": list(mask_stages), "mask_channels": list(mask_channels)} if "$mask" in mask else {})},
    )
    rows = cur.sql("SELECT count(*) FROM read_parquet($steps)", params={"steps": steps}).fetchall()[0][0]
    parts = max(1, math.ceil(rows / _STEPS_PER_PART))
    written = []
    for part in range(parts):
        out = str(out_dir / f"paths-{part}.parquet")
        cur.sql(
            """COPY (
                SELECT journey_id,
                       string_agg(stage, chr(31) ORDER BY seq)
                           FILTER (WHERE prev_stage IS NULL OR prev_stage <> stage) AS stage_path,
                       string_agg(channel, chr(31) ORDER BY seq)
                           FILTER (WHERE prev_channel IS NULL OR prev_channel <> channel) AS channel_path
                FROM read_parquet($steps) WHERE hash(journey_id) % $parts = $part GROUP BY journey_id
            ) TO $out (FORMAT parquet)""",
            params={"steps": steps, "parts": parts, "part": part, "out": out},
        )
        written.append(out)
    return written


def write_touchpoint_steps(cur, events_path: str, journeys_path: str, out_dir: str | Path) -> bool:
    """The facts pass's part after the journey facts: touchpoint_steps.parquet, every transition between two
    consecutive named touchpoints of a journey (touchpoints without a name are skipped) whose touchpoint differs,
    with the journey columns of steps.parquet; only when the data names 2 to MAX_MAP_TOUCHPOINTS touchpoints (a map
    of more is unreadable). Returns whether it was written."""
    named = cur.sql("SELECT count(DISTINCT touchpoint) FROM read_parquet($ev)", params={"ev": events_path})
    if not 2 <= named.fetchall()[0][0] <= MAX_MAP_TOUCHPOINTS:
        return False
    cur.sql(
        """COPY (
            SELECT t.journey_id, t.seq, t.prev_touchpoint, t.touchpoint, t.hours, t.journey_first_ts,
                   t.journey_persona, j.nps AS journey_nps, j.stage_channel_mask AS journey_stage_channel_mask,
                   row_number() OVER (PARTITION BY t.journey_id, t.prev_touchpoint, t.touchpoint ORDER BY t.seq) = 1
                       AS first_touchpoint_move
            FROM (
                SELECT journey_id, seq, CAST(touchpoint AS VARCHAR) AS touchpoint,
                       CAST(lag(touchpoint) OVER w AS VARCHAR) AS prev_touchpoint,
                       (epoch_us(timestamp) - epoch_us(lag(timestamp) OVER w)) / 3.6e9 AS hours,
                       journey_first_ts, CAST(journey_persona AS VARCHAR) AS journey_persona
                FROM read_parquet($ev) WHERE touchpoint IS NOT NULL
                WINDOW w AS (PARTITION BY journey_id ORDER BY seq)
            ) t JOIN read_parquet($journeys) j USING (journey_id)
            WHERE t.prev_touchpoint <> t.touchpoint
        ) TO $out (FORMAT parquet, COMPRESSION zstd)""",
        params={"ev": events_path, "journeys": journeys_path, "out": str(Path(out_dir) / TOUCHPOINT_STEPS)},
    )
    return True


def _steps_path(ds: Dataset, kind: str = "stage") -> str:
    return str(Path(ds.facts_dir) / (TOUCHPOINT_STEPS if kind == "touchpoint" else "steps.parquet"))


def has_touchpoint_map(ds: Dataset) -> bool:
    """Whether the facts hold touchpoint transitions (the data names 2 to MAX_MAP_TOUCHPOINTS touchpoints)."""
    return Path(_steps_path(ds, "touchpoint")).exists()


def _kind(kind: str, kinds: tuple[str, ...] = KINDS) -> str:
    if kind not in kinds:
        raise ValueError(f"unknown path kind {kind!r}; allowed: {list(kinds)}")
    return kind


def path_condition(values: tuple[str, ...], alias: str, params: dict) -> str:
    """A condition on journeys (``alias``) whose stage path or channel path contains ``values`` consecutively
    (a path is collapsed, so a value repeated in a row never matches); adds its parameters to ``params``."""
    params["path_seq"] = SEP + SEP.join(values) + SEP
    return " OR ".join(f"contains(chr(31) || {alias}.{k}_path || chr(31), $path_seq)" for k in KINDS).join("()")


def path_stats(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """Per ``kind`` path of the selected journeys: path (values joined by SEP), journeys,
    median_journey_hours (median of the journeys' duration_hours), in no particular order."""
    sql, params = _with(ds, f)
    return _query(
        ds, sql + f"SELECT {_kind(kind)}_path AS path, count(*) AS journeys, "
        "median(duration_hours) AS median_journey_hours FROM sel GROUP BY ALL",
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
    pushed = Filters(since=f.since, until=f.until, persona=() if ds.derived else f.persona)
    conds += journey_conditions(pushed, "m", (), params, prefix="journey_")
    if (f.channel or f.stage) and ds.pair_bits:  # $pair_mask: the selected pairs' bits (store.queries._with)
        pushed = dataclasses.replace(pushed, channel=f.channel, stage=f.stage)
        conds.append("(m.journey_stage_channel_mask & CAST($pair_mask AS UBIGINT)) <> 0")
    if f != pushed:
        conds.append("journey_id IN (SELECT journey_id FROM sel)")
    params["steps"] = _steps_path(ds, k)
    return (f"SELECT prev_{k} AS \"from\", {k} AS \"to\", hours, first_{k}_move AS first, journey_nps AS nps "
            f"FROM read_parquet($steps) m WHERE {' AND '.join(conds)}")


def transition_stats(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """Per ``kind`` transition (two consecutive touchpoints of a selected journey whose stage, channel or
    touchpoint differs; for touchpoints, consecutive among the named ones): from, to, count, journeys (distinct),
    median_hours between the two touchpoints. ``kind`` touchpoint needs ``has_touchpoint_map``."""
    sql, params = _with(ds, f)
    return _query(
        ds, sql + f", m AS ({_moves(ds, f, kind, params)}) SELECT \"from\", \"to\", count(*) AS count, "
        "count(*) FILTER (WHERE first) AS journeys, median(hours) AS median_hours FROM m GROUP BY ALL",
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


__all__ = ["KINDS", "MAP_KINDS", "MAX_MAP_TOUCHPOINTS", "SEP", "has_touchpoint_map", "journey_paths", "path_answers",
           "path_condition", "path_stats", "transition_answers", "transition_stats", "write_steps",
           "write_touchpoint_steps"]
