"""Journey paths and transitions: written once per data version in the facts pass, queried per selection.

``steps.parquet`` holds, per journey, every touchpoint at which the stage or the channel changes
(and the first one): journey_id, seq, prev_stage, stage, prev_channel, channel, hours (since the
previous touchpoint). ``paths.parquet`` holds each journey's stage path and channel path (its
stages / channels in journey order, consecutive repeats collapsed). metrics.paths holds the same
definitions in Polars; a test holds the two equal.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from pathlib import Path

import polars as pl

from store import db
from store.dataset import Dataset
from store.filters import Filters
from store.queries import _query, _with

KINDS = ("stage", "channel")  # what a path or a transition is made of (an allow-list for identifiers)
SEP = chr(31)  # joins a path's values into one grouping key; split again in metrics.paths


def write(cur, events_path: str, out_dir: str | Path) -> None:
    """The facts pass's part: steps.parquet and paths.parquet from the journey-ordered events.

    One window over the events (ordered by ``seq``, the journey order of store.dataset); the
    paths are read from the much smaller steps file.
    """
    out_dir = Path(out_dir)
    steps = str(out_dir / "steps.parquet")
    cur.sql(
        """COPY (
            SELECT journey_id, seq, prev_stage, stage, prev_channel, channel, hours FROM (
                SELECT journey_id, seq, CAST(stage AS VARCHAR) AS stage, CAST(channel AS VARCHAR) AS channel,
                       CAST(lag(stage) OVER w AS VARCHAR) AS prev_stage,
                       CAST(lag(channel) OVER w AS VARCHAR) AS prev_channel,
                       (epoch_us(timestamp) - epoch_us(lag(timestamp) OVER w)) / 3.6e9 AS hours
                FROM read_parquet($ev)
                WINDOW w AS (PARTITION BY journey_id ORDER BY seq)
            ) WHERE prev_stage IS NULL OR prev_stage <> stage OR prev_channel <> channel
        ) TO $out (FORMAT parquet, COMPRESSION zstd)""",
        params={"ev": events_path, "out": steps},
    )
    cur.sql(
        """COPY (
            SELECT journey_id,
                   list(stage ORDER BY seq) FILTER (WHERE prev_stage IS NULL OR prev_stage <> stage) AS stage_path,
                   list(channel ORDER BY seq) FILTER (WHERE prev_channel IS NULL OR prev_channel <> channel)
                       AS channel_path
            FROM read_parquet($steps) GROUP BY journey_id
        ) TO $out (FORMAT parquet, COMPRESSION zstd)""",
        params={"steps": steps, "out": str(out_dir / "paths.parquet")},
    )


_lock = threading.Lock()


def _ensure(ds: Dataset) -> None:
    """Write the paths beside facts that lack them (facts another engine wrote, README "Scale and remote data")."""
    facts = Path(ds.facts_dir)
    if (facts / "paths.parquet").exists():
        return
    with _lock:
        if not (facts / "paths.parquet").exists():
            tmp = facts / f".paths-{uuid.uuid4().hex[:8]}"
            tmp.mkdir()
            try:
                write(db.cursor(), ds.events_path, tmp)
                (tmp / "steps.parquet").replace(facts / "steps.parquet")
                (tmp / "paths.parquet").replace(facts / "paths.parquet")
            finally:
                shutil.rmtree(tmp, ignore_errors=True)


def _paths_path(ds: Dataset) -> str:
    _ensure(ds)
    return str(Path(ds.facts_dir) / "paths.parquet")


def _steps_path(ds: Dataset) -> str:
    _ensure(ds)
    return str(Path(ds.facts_dir) / "steps.parquet")


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown path kind {kind!r}; allowed: {list(KINDS)}")
    return kind


def path_condition(ds: Dataset, values: tuple[str, ...], alias: str, params: dict) -> str:
    """A condition on journeys (``alias``) whose stage path or channel path contains ``values`` consecutively
    (a path is collapsed, so a value repeated in a row never matches); adds its parameters to ``params``."""
    params["path_file"] = _paths_path(ds)
    params["path_seq"] = SEP + SEP.join(values) + SEP
    joined = "chr(31) || array_to_string({}, chr(31)) || chr(31)"
    return (f"{alias}.journey_id IN (SELECT journey_id FROM read_parquet($path_file) "
            f"WHERE contains({joined.format('stage_path')}, $path_seq) "
            f"OR contains({joined.format('channel_path')}, $path_seq))")


def path_stats(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """Per ``kind`` path of the selected journeys: path (values joined by SEP), journeys,
    median_journey_hours (median of the journeys' duration_hours), in no particular order."""
    sql, params = _with(ds, f)
    params["paths"] = _paths_path(ds)
    col = _kind(kind) + "_path"
    return _query(
        ds, sql + f"SELECT array_to_string(p.{col}, chr(31)) AS path, count(*) AS journeys, "
        "median(s.duration_hours) AS median_journey_hours "
        "FROM sel s JOIN read_parquet($paths) p USING (journey_id) GROUP BY ALL",
        params,
    )


def path_answers(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """How many selected journeys on each ``kind`` path gave each NPS answer: path, nps, n."""
    sql, params = _with(ds, f)
    params["paths"] = _paths_path(ds)
    col = _kind(kind) + "_path"
    return _query(
        ds, sql + f"SELECT array_to_string(p.{col}, chr(31)) AS path, s.nps, count(*) AS n "
        "FROM sel s JOIN read_parquet($paths) p USING (journey_id) WHERE s.nps IS NOT NULL GROUP BY ALL",
        params,
    )


def _moves(kind: str, f: Filters) -> str:
    """The transitions of ``kind`` of the selected journeys (of all, without a filter: no semi-join)."""
    k = _kind(kind)
    selected = "" if f.is_empty() else " AND journey_id IN (SELECT journey_id FROM sel)"
    return (f"SELECT journey_id, prev_{k} AS \"from\", {k} AS \"to\", hours FROM read_parquet($steps) "
            f"WHERE prev_{k} <> {k}{selected}")


def transition_stats(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """Per ``kind`` transition (two consecutive touchpoints of a selected journey whose stage or channel
    differs): from, to, count, journeys (distinct), median_hours between the two touchpoints."""
    sql, params = _with(ds, f)
    params["steps"] = _steps_path(ds)
    return _query(
        # journeys per edge in two grouping steps (per journey, then per edge) instead of count(DISTINCT)
        ds, sql + f", m AS ({_moves(kind, f)}) "
        "SELECT \"from\", \"to\", c.count, j.journeys, c.median_hours FROM "
        "(SELECT \"from\", \"to\", count(*) AS count, median(hours) AS median_hours FROM m GROUP BY ALL) c "
        "JOIN (SELECT \"from\", \"to\", count(*) AS journeys FROM (SELECT DISTINCT journey_id, \"from\", \"to\" "
        "FROM m) GROUP BY ALL) j USING (\"from\", \"to\")",
        params,
    )


def transition_answers(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """How many selected journeys taking each ``kind`` transition gave each NPS answer (a journey counts
    once per transition however often it takes it): from, to, nps, n."""
    sql, params = _with(ds, f)
    params["steps"] = _steps_path(ds)
    return _query(
        ds, sql + f", m AS ({_moves(kind, f)}) SELECT \"from\", \"to\", s.nps, count(*) AS n FROM "
        "(SELECT DISTINCT journey_id, \"from\", \"to\" FROM m) JOIN sel s USING (journey_id) "
        "WHERE s.nps IS NOT NULL GROUP BY ALL",
        params,
    )


def journey_paths(ds: Dataset, f: Filters) -> pl.DataFrame:
    """The selected journeys' paths: journey_id, stage_path, channel_path (lists)."""
    sql, params = _with(ds, f)
    params["paths"] = _paths_path(ds)
    return _query(ds, sql + "SELECT p.* FROM sel s JOIN read_parquet($paths) p USING (journey_id)", params)


__all__ = ["KINDS", "SEP", "journey_paths", "path_answers", "path_stats", "transition_answers",
           "transition_stats", "write"]
