"""Journey steps, written once per data version in the facts pass: each journey's stage and channel paths for the
journey facts (the core), ``steps.parquet`` (every touchpoint at which the stage or the channel changes, and the first
one; a late output) and ``touchpoint_steps.parquet`` (transitions between consecutive named touchpoints). ``store.journey_paths`` reads
them per selection."""

from __future__ import annotations

import math
from pathlib import Path

from store.facts import ready
from store.facts.dataset import Dataset

KINDS = ("stage", "channel")  # what a path or a transition is made of (an allow-list for identifiers)
MAP_KINDS = (*KINDS, "touchpoint")  # what a process map's nodes can be (touchpoints: when there are not too many)
MAX_MAP_TOUCHPOINTS = 40
TOUCHPOINT_STEPS = "touchpoint_steps.parquet"
SEP = chr(31)  # joins a path's values into one text (the journey facts' stage_path, channel_path)
# Events per part when the paths are aggregated: an aggregate holds its groups in memory, so the journeys are split
# into parts by a hash of their id, each part a scan of the events. With one integer per event (``_path_sql``) 6M
# events a part fit the memory limit; at 10M events 2 parts instead of 5 took the step from 7.8 to 4.6 s (whole facts
# pass's peak RSS 1.2 GB).
_EVENTS_PER_PART = 6_000_000
# Events per part of the late outputs' windows (steps, touchpoint steps, journey stages): a window holds every row of its input, and over
# 10M events the steps' window filled the whole memory limit (1 GB) and spilled 0.8 GB more. Split by the same hash of
# the journey id, each part is a window over its journeys alone, written as one file of a folder (read as one table,
# as Spark's folders of part files are).
_WINDOW_EVENTS_PER_PART = 2_500_000


def _path_sql(cur, types: dict[str, str] | None) -> tuple[str, str, dict]:
    """(the per-journey lists, the paths from them, their params) for ``write_paths``.

    With an enum type for the stage and the channel (``types``: column -> ENUM type of the facts pass), one integer
    per event, ``(seq << 16) | code``, is aggregated without order, sorted in the list and its code taken back: cheaper
    than a list of strings ordered by ``seq`` (at 1M events the paths' CPU time 0.58x, peak memory lower); the codes
    (below 2**16: an enum of the facts pass has at most 10,000 values) become text again once per path step."""
    if types is None or not all(kind in types for kind in KINDS):
        lists = ", ".join(f"list(CAST({kind} AS VARCHAR) ORDER BY seq) AS {kind}s" for kind in KINDS)
        text = {kind: "{}" for kind in KINDS}
        params = {}
    else:
        lists = ", ".join(
            f"list_transform(list_sort(list((seq << 16) | enum_code(CAST({kind} AS {types[kind]})))), "
            f"lambda x: CAST(x & 65535 AS INTEGER)) AS {kind}s" for kind in KINDS)
        text = {kind: f"list_transform({{}}, lambda c: CAST(${kind}_values AS VARCHAR[])[c + 1])" for kind in KINDS}
        params = {f"{kind}_values": cur.sql(f"SELECT enum_range(NULL::{types[kind]})").fetchall()[0][0]
                  for kind in KINDS}
    path_columns = ", ".join(
        "array_to_string(" + text[kind].format(f"list_filter({kind}s, lambda s, i: i = 1 OR s <> {kind}s[i - 1])")
        + f", chr(31)) AS {kind}_path" for kind in KINDS)
    return lists, path_columns, params


def write_paths(cur, events_path: str, out_dir: str | Path, types: dict[str, str] | None = None) -> list[str]:
    """The facts pass's core part before the journey facts: each journey's stage and channel paths (its stages /
    channels in journey order, consecutive repeats collapsed, joined by SEP) in part files (journey_id, stage_path,
    channel_path) for the journey facts to join; returns the part files.

    Straight from the journey-ordered events (ordered by ``seq``, the journey order of store.dataset): one ordered list
    per journey, repeats dropped where a value equals the one before it; the same paths as the steps' (the touchpoints
    where the stage or the channel changes), without waiting for steps.parquet (a late output, ``write_steps``).
    ``types``: the facts pass's ENUM types of the stage and the channel, when it has them (``_path_sql``).
    """
    out_dir = Path(out_dir)
    rows = cur.sql("SELECT count(*) FROM read_parquet($ev)", params={"ev": events_path}).fetchall()[0][0]
    parts = max(1, math.ceil(rows / _EVENTS_PER_PART))
    lists, path_columns, extra = _path_sql(cur, types)
    written = []
    for part in range(parts):
        out = str(out_dir / f"paths-{part}.parquet")
        cur.sql(
            f"""COPY (
                SELECT journey_id, {path_columns}
                FROM (
                    SELECT journey_id, {lists}
                    FROM read_parquet($ev) WHERE hash(journey_id) % $parts = $part GROUP BY journey_id
                )
            ) TO $out (FORMAT parquet)""",
            params={"ev": events_path, "parts": parts, "part": part, "out": out, **extra},
        )
        written.append(out)
    return written


def in_parts(cur, events_path: str, out: Path, select: str, params: dict) -> None:
    """``COPY (select) TO out`` (zstd) where ``select`` reads the events ``$ev`` with ``{part}`` in its journey
    conditions: one file at once up to _WINDOW_EVENTS_PER_PART events, else a folder ``out`` of one file per part of
    the journeys (a hash of their id), each written alone so that its window holds only that part's events."""
    rows = cur.sql("SELECT count(*) FROM read_parquet($ev)", params={"ev": events_path}).fetchall()[0][0]
    parts = max(1, math.ceil(rows / _WINDOW_EVENTS_PER_PART))
    if parts == 1:
        targets = [(out, "true")]
    else:
        out.mkdir()
        targets = [(out / f"part-{part}.parquet", f"hash(journey_id) % {parts} = {part}") for part in range(parts)]
    for target, condition in targets:
        cur.sql(f"COPY ({select.format(part=condition)}) TO $out (FORMAT parquet, COMPRESSION zstd)",
                params={**params, "ev": events_path, "out": str(target)})


def write_steps(cur, events_path: str, journeys_path: str, out_dir: str | Path) -> None:
    """A late output of the facts pass: steps.parquet, every touchpoint at which the stage or the channel changes
    (and the first one), with its journey's columns.

    One window over the journey-ordered events (ordered by ``seq``, the journey order of store.dataset); the journey's
    nps and stage × channel bits (``journey_stage_channel_mask``: a channel or stage filter on the process map is one
    AND per step) come from the journey facts by a join, not from two more windows over every event.
    """
    in_parts(cur, events_path, Path(out_dir) / "steps.parquet", """
            SELECT t.journey_id, t.seq, t.prev_stage, t.stage, t.prev_channel, t.channel, t.hours,
                   t.journey_first_ts, t.journey_persona, j.nps AS journey_nps,
                   j.stage_channel_mask AS journey_stage_channel_mask,
                   -- the journey's first move along this edge: journeys per edge without a distinct count
                   t.prev_stage <> t.stage AND row_number() OVER (PARTITION BY t.journey_id, t.prev_stage, t.stage
                                                                  ORDER BY t.seq) = 1 AS first_stage_move,
                   t.prev_channel <> t.channel AND row_number() OVER (PARTITION BY t.journey_id, t.prev_channel,
                                                                      t.channel ORDER BY t.seq) = 1
                       AS first_channel_move
            FROM (
                SELECT journey_id, seq, CAST(stage AS VARCHAR) AS stage, CAST(channel AS VARCHAR) AS channel,
                       CAST(lag(stage) OVER w AS VARCHAR) AS prev_stage,
                       CAST(lag(channel) OVER w AS VARCHAR) AS prev_channel,
                       (epoch_us(timestamp) - epoch_us(lag(timestamp) OVER w)) / 3.6e9 AS hours,
                       journey_first_ts, CAST(journey_persona AS VARCHAR) AS journey_persona
                FROM read_parquet($ev) WHERE {part}
                WINDOW w AS (PARTITION BY journey_id ORDER BY seq)
            ) t JOIN (SELECT * FROM read_parquet($journeys) WHERE {part}) j USING (journey_id)
            WHERE t.prev_stage IS NULL OR t.prev_stage <> t.stage OR t.prev_channel <> t.channel""",
              {"journeys": journeys_path})


def write_touchpoint_steps(cur, events_path: str, journeys_path: str, out_dir: str | Path) -> bool:
    """The facts pass's part after the journey facts: touchpoint_steps.parquet, every transition between two
    consecutive named touchpoints of a journey (touchpoints without a name are skipped) whose touchpoint differs,
    with the journey columns of steps.parquet; only when the data names 2 to MAX_MAP_TOUCHPOINTS touchpoints (a map
    of more is unreadable). Returns whether it was written."""
    named = cur.sql("SELECT count(DISTINCT touchpoint) FROM read_parquet($ev)", params={"ev": events_path})
    if not 2 <= named.fetchall()[0][0] <= MAX_MAP_TOUCHPOINTS:
        return False
    in_parts(cur, events_path, Path(out_dir) / TOUCHPOINT_STEPS, """
            SELECT t.journey_id, t.seq, t.prev_touchpoint, t.touchpoint, t.hours, t.journey_first_ts,
                   t.journey_persona, j.nps AS journey_nps, j.stage_channel_mask AS journey_stage_channel_mask,
                   row_number() OVER (PARTITION BY t.journey_id, t.prev_touchpoint, t.touchpoint ORDER BY t.seq) = 1
                       AS first_touchpoint_move
            FROM (
                SELECT journey_id, seq, CAST(touchpoint AS VARCHAR) AS touchpoint,
                       CAST(lag(touchpoint) OVER w AS VARCHAR) AS prev_touchpoint,
                       (epoch_us(timestamp) - epoch_us(lag(timestamp) OVER w)) / 3.6e9 AS hours,
                       journey_first_ts, CAST(journey_persona AS VARCHAR) AS journey_persona
                FROM read_parquet($ev) WHERE touchpoint IS NOT NULL AND {part}
                WINDOW w AS (PARTITION BY journey_id ORDER BY seq)
            ) t JOIN (SELECT * FROM read_parquet($journeys) WHERE {part}) j USING (journey_id)
            WHERE t.prev_touchpoint <> t.touchpoint""",
              {"journeys": journeys_path})
    return True


def _steps_path(ds: Dataset, kind: str = "stage") -> str:
    # late outputs of the facts pass (store.facts.ready)
    ready.wait(ds.facts_dir, ds.late, "touchpoint_steps" if kind == "touchpoint" else "steps")
    return str(Path(ds.facts_dir) / (TOUCHPOINT_STEPS if kind == "touchpoint" else "steps.parquet"))


def has_touchpoint_map(ds: Dataset) -> bool:
    """Whether the facts hold touchpoint transitions (the data names 2 to MAX_MAP_TOUCHPOINTS touchpoints); waits for
    the late facts pass to tell."""
    return Path(_steps_path(ds, "touchpoint")).exists()


