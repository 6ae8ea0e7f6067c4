"""The facts pass (DuckDB), in two parts. The core: one pass over a source's events in journey order, streamed to
``events.parquet``, and from it the journey facts (with their paths), transitions, stage positions and the quarantine,
written to a temporary folder and renamed into ``<cache_dir>/<version>/`` when complete: the dataset is usable. The
late outputs (``store.facts.ready.LATE``: the touchpoint cube, journey stages, steps, comments, touchpoint steps,
customer features), written afterwards (``write_late``, in the background for the dashboard), each moved into place whole and
then marked done (README "Scale and remote data"). ``store.spark_job`` writes the same files on Spark.
"""

from __future__ import annotations

import os
import shutil
import socket
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import duckdb

from errors import DataError, disk_problem
from i18n import Message
from ingest.schema import BY_NAME, CANONICAL, FACTS_FORMAT, column_names, quote
from store.facts import cube, db, journey_stages, personas, ready
from store.facts import journey_steps as paths
from store.facts.comments import COMMENTS, write_comments
from store.facts.dataset import Dataset
from store.facts.source import _invalid_reason_sql, _source_select, _text_sql, _valid_sql, clean_text_values

Progress = Callable[[float, str], None]  # (fraction done 0-1, what is happening)


# Text columns sorted and grouped in the facts pass as ENUM codes (a byte or two each) instead of strings
# when they have at most this many values: the window moves every event with its columns, and codes
# move much faster (10M events: 10.2 s -> 6.1 s). Enum values are created in string order, so ORDER BY
# an enum equals ORDER BY the text.
_ENUM_MAX_VALUES = 10_000
_CODED = ("stage", "channel", "touchpoint", "persona")


def _enum_types(cur, files: list[str], columns: tuple[str, ...], dims: tuple[str, ...],
                counts: dict[str, int]) -> tuple[dict[str, str], frozenset[str]]:
    """Create an ENUM type (unique name) for each low-cardinality text column (``counts``: approximate
    distinct values per source column); ({column (dims by their names in cxlens): type name}, the coded columns
    whose values are all in NFC without a bidirectional control as read, which the events then read as they are).

    The distinct values are read as they are and normalised as a list: normalising every event's text costs several
    seconds at 10M events, the few distinct values nothing."""
    names = column_names(columns)
    counts = {names.get(c, c): n for c, n in counts.items()}
    present = [c for c in _CODED if c in columns] + list(dims)
    coded = [c for c in present if 0 < counts.get(c, 0) <= _ENUM_MAX_VALUES]
    if not coded:
        return {}, frozenset()
    values = cur.sql(
        "SELECT " + ", ".join(
            f"list(DISTINCT {quote(c)}) FILTER (WHERE {quote(c)} IS NOT NULL)" for c in coded)
        + f" FROM ({_source_select(columns, dims, as_read=frozenset(coded))})",
        params={"files": files},
    ).fetchall()[0]
    types, clean = {}, set()
    prefix = f"cx_{uuid.uuid4().hex[:12]}"
    for i, (column, distinct) in enumerate(zip(coded, values, strict=True)):
        distinct = distinct or []
        if clean_text_values(cur, distinct):
            clean.add(column)
        else:
            distinct = cur.sql(f"SELECT list(DISTINCT {_text_sql('v')}) FROM (SELECT unnest($v) AS v)",
                               params={"v": distinct}).fetchall()[0][0] or []
        name = f"{prefix}_{i}"
        cur.sql(f"CREATE TYPE {name} AS ENUM (SELECT unnest(list_sort($v)))", params={"v": distinct})
        types[column] = name
    return types, frozenset(clean)


def _mask_values(cur, types: dict[str, str]) -> tuple[list[str], list[str]]:
    """The stage and channel enum values (in code order) when their pairs fit the 64 bits of
    ``stage_channel_mask``, else two empty lists."""
    if "stage" not in types or "channel" not in types:
        return [], []
    stages, channels = (cur.sql(f"SELECT enum_range(NULL::{types[c]})").fetchall()[0][0] for c in ("stage", "channel"))
    if len(stages) * len(channels) > 64:
        return [], []
    return list(stages), list(channels)


def _journey_facts_sql(types: dict[str, str], dims: tuple[str, ...], mask_stages: list[str],
                       mask_channels: list[str]) -> tuple[str, dict]:
    """The journey facts from the windowed events ``$ev``, one row per journey (without the paths)."""
    dim_cols = "".join(f", arg_min({quote(d)}, seq) FILTER (WHERE {quote(d)} IS NOT NULL) AS {quote(d)}" for d in dims)
    facts = f"""
        journey_id,
        arg_min(customer_id, seq) AS customer_id,
        arg_min(persona, seq) FILTER (WHERE persona IS NOT NULL) AS persona
        {dim_cols},
        min(timestamp) AS first_ts,
        max(timestamp) AS last_ts,
        epoch(max(timestamp) - min(timestamp)) / 3600.0 AS duration_hours,
        count(*) AS events,
        count(*) FILTER (WHERE prev_channel IS NOT NULL AND prev_channel <> channel) AS handoffs,
        CAST(arg_max(nps, seq) FILTER (WHERE nps IS NOT NULL) AS TINYINT) AS nps,
        arg_min(weight, seq) FILTER (WHERE weight IS NOT NULL) AS weight"""
    if mask_channels:
        # Each journey's (stage, channel) pairs as the bits of one integer (bit = stage code × channels
        # + channel code), aggregated with the other facts in one GROUP BY; its stage and channel lists
        # are read off the bits (10M events: 3.2 s instead of 7.8 s for distinct pairs and lists). A
        # channel × stage filter is then one AND per journey.
        n = len(mask_channels)
        stage_bits = [str(sum(1 << (i * n + j) for j in range(n))) for i in range(len(mask_stages))]
        channel_bits = [str(sum(1 << (i * n + j) for i in range(len(mask_stages)))) for j in range(n)]
        stage, channel = _coded("stage", types), _coded("channel", types)
        sql = f"""
            SELECT * EXCLUDE (stages, channel_list, stage_channel_mask), len(channel_list) AS channels, stages, channel_list,
                   CAST(NULL AS VARCHAR[]) AS stage_channel_list, stage_channel_mask
            FROM (
                SELECT *,
                       list_filter($mask_stages, lambda s, i: (stage_channel_mask & CAST($stage_bits AS UBIGINT[])[i]) <> 0) AS stages,
                       list_filter($mask_channels, lambda c, i: (stage_channel_mask & CAST($channel_bits AS UBIGINT[])[i]) <> 0) AS channel_list
                FROM (
                    SELECT {facts},
                           bit_or(CAST(1 AS UBIGINT) << (enum_code({stage}) * {n} + enum_code({channel}))) AS stage_channel_mask
                    FROM read_parquet($ev) GROUP BY journey_id
                )
            )"""
        return sql, {"mask_stages": mask_stages, "mask_channels": mask_channels,
                     "stage_bits": stage_bits, "channel_bits": channel_bits}
    # More than 64 pairs: the per-journey lists from the distinct (journey, stage, channel) triples,
    # not from DISTINCT aggregates over every event (8.2 s instead of 10.4 s at 10M).
    sql = f"""
        WITH facts AS (SELECT {facts} FROM read_parquet($ev) GROUP BY journey_id),
        pairs AS (
            SELECT journey_id, {_coded("stage", types)} AS stage, {_coded("channel", types)} AS channel
            FROM read_parquet($ev) GROUP BY ALL
        ), lists AS (
            SELECT journey_id,
                   count(DISTINCT channel) AS channels,
                   CAST(list(DISTINCT stage ORDER BY stage) AS VARCHAR[]) AS stages,
                   CAST(list(DISTINCT channel ORDER BY channel) AS VARCHAR[]) AS channel_list,
                   -- stage and channel of each touchpoint, joined by the unit separator: a channel ×
                   -- stage filter selects journeys from this list instead of scanning the events
                   list(CAST(stage AS VARCHAR) || chr(31) || CAST(channel AS VARCHAR)) AS stage_channel_list,
                   CAST(NULL AS UBIGINT) AS stage_channel_mask
            FROM pairs GROUP BY journey_id
        )
        SELECT * FROM facts JOIN lists USING (journey_id)"""
    return sql, {}


def _coded(column: str, types: dict[str, str]) -> str:
    """``column`` as its ENUM code when it has one, else as it is."""
    return f"CAST({quote(column)} AS {types[column]})" if column in types else quote(column)


class _Laps:
    """Seconds per output of the facts pass into ``timings`` (the benchmark's table per output), each from the end of
    the one before."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings, self.last = timings, time.perf_counter()

    def __call__(self, output: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[output] = self.timings.get(output, 0.0) + now - self.last
        self.last = now


def _materialize(files: tuple[str, ...], columns: tuple[str, ...], dims: tuple[str, ...], counts: dict[str, int],
                 facts_dir: Path, progress: Progress | None = None, timings: dict[str, float] | None = None,
                 plain: tuple[str, ...] = ()) -> None:
    """The core of the facts pass: one pass over the events in journey order (text columns sorted as enum codes),
    streamed to events.parquet; from that file each journey's paths and the journey facts, channel transitions, stage positions; the
    quarantine from the source (only when some rows were left out); meta.parquet, listing the late outputs
    (``write_late``) still to write."""
    tmp = facts_dir.with_name(f"{facts_dir.name}.tmp-{uuid.uuid4().hex[:8]}-{os.getpid()}@{socket.gethostname()}")
    step = progress or (lambda fraction, message: None)
    cur = db.database().cursor()
    params = {"files": list(files)}
    events = {"ev": str(tmp / "events.parquet")}
    types: dict[str, str] = {}
    clean: frozenset[str] = frozenset()
    lap = _Laps(timings)
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        step(0.0, Message("progress_read"))
        try:
            types, clean = _enum_types(cur, list(files), columns, dims, counts)
            raw = _source_select(columns, dims, as_read=clean)
            payload = ", ".join(
                [f"{_coded(c, types)} AS {quote(c)}" for c in ("stage", "channel", "touchpoint", "persona", *dims)]
                + ["journey_id", "customer_id", "timestamp", "satisfaction", "ces", "nps", "weight"])
            # Written to Parquet rather than held in a temp table: the window spills to disk under
            # the memory limit and nothing of the events stays in memory afterwards. Enum columns
            # are written as text.
            cur.sql(
                f"""COPY (
                    SELECT journey_id, customer_id, timestamp, stage, channel, touchpoint, persona,
                           satisfaction, ces, nps, weight{''.join(', ' + quote(d) for d in dims)},
                           row_number() OVER w AS seq,
                           lag(channel) OVER w AS prev_channel,
                           -- the journey facts' first_ts and persona (min timestamp; first persona given),
                           -- from the same sorted partition: journey filters become event column predicates
                           first_value(timestamp) OVER w AS journey_first_ts,
                           first_value(persona IGNORE NULLS) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING
                                                                   AND UNBOUNDED FOLLOWING) AS journey_persona
                    FROM (SELECT {payload} FROM ({raw}) WHERE {_valid_sql()})
                    WINDOW w AS (PARTITION BY journey_id ORDER BY timestamp, stage, channel, touchpoint, nps)
                ) TO $out (FORMAT parquet, COMPRESSION snappy, DICTIONARY_SIZE_LIMIT {_ENUM_MAX_VALUES})""",
                params={**params, "out": events["ev"]},
            )
        except Exception as exc:
            raise disk_problem(exc, facts_dir.parent) or _conversion_error(str(exc)) from None
        lap("events")
        step(0.5, Message("progress_journeys"))
        mask_stages, mask_channels = _mask_values(cur, types)
        path_parts = paths.write_paths(cur, events["ev"], tmp, types)  # each journey's stage and channel path
        lap("paths")
        sql, extra = _journey_facts_sql(types, dims, mask_stages, mask_channels)
        cur.sql(f"""COPY (SELECT f.*, p.stage_path, p.channel_path FROM ({sql}) f
                          JOIN read_parquet($path_parts) p USING (journey_id) ORDER BY f.first_ts
                    ) TO $out (FORMAT parquet, COMPRESSION zstd)""",
                params={**events, **extra, "path_parts": path_parts, "out": str(tmp / "journeys.parquet")})
        for part in path_parts:
            os.remove(part)
        lap("journeys")
        step(0.75, Message("progress_handoffs"))
        cur.sql(
            """COPY (
                SELECT journey_id, prev_channel AS from_channel, channel AS to_channel, count(*) AS count
                FROM read_parquet($ev) WHERE prev_channel IS NOT NULL AND prev_channel <> channel
                GROUP BY ALL
            ) TO $out (FORMAT parquet, COMPRESSION zstd)""",
            params={**events, "out": str(tmp / "transitions.parquet")},
        )
        lap("transitions")
        cur.sql(
            """COPY (
                SELECT stage, median(seq) AS median_position, count(*) AS events FROM read_parquet($ev) GROUP BY stage
            ) TO $out (FORMAT parquet)""",
            params={**events, "out": str(tmp / "stages.parquet")},
        )
        lap("stages")
        step(0.9, Message("progress_invalid"))
        # The source's row count is in its Parquet footers: when every row made it into events.parquet
        # there is nothing to list and the source is not read again (10M events: 0.5-0.8 s).
        valid = cur.sql("SELECT count(*) FROM read_parquet($ev)", params=events).fetchall()[0][0]
        total = cur.sql("SELECT sum(num_rows) FROM parquet_file_metadata($files)", params=params).fetchall()[0][0]
        invalid = f"""
            SELECT file, row_number, reason FROM (
                SELECT file, row_number, {_invalid_reason_sql()} AS reason
                FROM ({_source_select(columns, dims, positions=True, as_read=clean)})
            ) WHERE reason IS NOT NULL ORDER BY file, row_number"""
        if valid == total:
            invalid += " LIMIT 0"
        cur.sql(f"COPY ({invalid}) TO $out (FORMAT parquet)", params={**params, "out": str(tmp / "quarantine.parquet")})
        cur.sql(
            """COPY (
                SELECT (SELECT count(*) FROM read_parquet($ev)) AS events,
                       (SELECT count(*) FROM read_parquet($j)) AS journeys,
                       (SELECT count(*) FROM read_parquet($q)) AS rejected,
                       CAST($dims AS VARCHAR[]) AS dims,
                       CAST($plain AS VARCHAR[]) AS plain_dims,
                       CAST($mask_stages AS VARCHAR[]) AS mask_stages,
                       CAST($mask_channels AS VARCHAR[]) AS mask_channels,
                       CAST($columns AS VARCHAR[]) AS columns,
                       CAST($as_read AS VARCHAR[]) AS as_read,
                       'duckdb' AS engine, $engine_version AS engine_version, $facts_format AS facts_format,
                       now() AS written_at,
                       -- written after the core, each marked done when in place (store.facts.ready)
                       CAST($late AS VARCHAR[]) AS late
            ) TO $out (FORMAT parquet)""",
            params={**events, "j": str(tmp / "journeys.parquet"), "q": str(tmp / "quarantine.parquet"),
                    "mask_stages": mask_stages, "mask_channels": mask_channels, "dims": list(dims), "plain": list(plain),
                    "columns": list(columns), "as_read": sorted(clean), "engine_version": duckdb.__version__,
                    "facts_format": FACTS_FORMAT, "late": list(ready.LATE), "out": str(tmp / "meta.parquet")},
        )
        lap("quarantine")
        step(1.0, Message("progress_ready"))
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)  # a failed pass leaves nothing half-written behind
        problem = disk_problem(exc, facts_dir.parent) if isinstance(exc, Exception) else None
        if problem is not None:
            raise problem from None
        raise
    finally:
        for name in types.values():
            cur.sql(f"DROP TYPE IF EXISTS {name}")
        cur.close()
    try:
        tmp.rename(facts_dir)
    except OSError:  # another process finished first: its facts are the same
        shutil.rmtree(tmp, ignore_errors=True)


def write_late(ds: Dataset, output: str) -> None:
    """Write one late output (``store.facts.ready.LATE``) of ``ds``'s facts into a folder of its own inside the facts
    folder, move it into place and mark it done; nothing when it is marked done already."""
    facts = Path(ds.facts_dir)
    if ready.done(facts, output):
        return
    tmp = facts / f".late-{output}-{uuid.uuid4().hex[:8]}-{os.getpid()}@{socket.gethostname()}"
    events, journeys = str(facts / "events.parquet"), str(facts / "journeys.parquet")
    cur = db.database().cursor()
    try:
        tmp.mkdir()
        written: list[str] = []
        if output == "steps":  # the transitions of the journey map and the journeys page
            paths.write_steps(cur, events, journeys, tmp)
            written = ["steps.parquet"]
        elif output == "touchpoint_cube":  # touchpoint counts the filter changes sum (store/facts/cube.py)
            cube.write(cur, events, tmp)
            written = [cube.FILE]
        elif output == "journey_stages":  # each journey's stage entries, next stages and stage satisfaction
            journey_stages.write(cur, events, journeys, tmp)
            written = [journey_stages.FILE]
        elif output == "comments":
            write_comments(cur, _source_select(ds.columns, ds.dims, as_read=ds.as_read), {"files": list(ds.files)},
                           tmp, journeys)
            written = [COMMENTS]
        elif output == "touchpoint_steps":  # only when the data names 2 to MAX_MAP_TOUCHPOINTS touchpoints
            written = [paths.TOUCHPOINT_STEPS] if paths.write_touchpoint_steps(cur, events, journeys, tmp) else []
        elif output == "customer_features":  # the derived personas' input (written in place atomically)
            personas.write_customer_features(ds)
        else:
            raise ValueError(f"unknown late output {output!r}")
        for name in written:
            _move(tmp / name, facts / name)
        ready.mark(facts, output)
    except Exception as exc:
        problem = disk_problem(exc, facts.parent)
        if problem is not None:
            raise problem from None
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        cur.close()


def _move(written: Path, target: Path) -> None:
    """Move a late output (a file, or a folder of part files: store.facts.journey_steps) into place, over what an
    unmarked earlier write left there."""
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif written.is_dir() and target.exists():
        target.unlink()
    written.replace(target)


def late_pass(ds: Dataset, background: bool = False, timings: dict[str, float] | None = None,
              hold: bool = False) -> ready.Job | None:
    """Write the late outputs of ``ds`` not yet done: here (``background`` false; seconds per output into ``timings``
    when given), or in a background thread whose job is returned (a reader waits for its output with
    ``store.facts.ready.wait``), held until released with ``hold`` (``store.facts.ready.start``)."""
    todo = ready.pending(ds.facts_dir, ds.late)
    if not todo:
        return None
    if background:
        return ready.start(ds.facts_dir, tuple(todo), lambda output, job: write_late(ds, output), hold=hold)
    lap = _Laps(timings)
    for output in todo:
        write_late(ds, output)
        lap(output)
    return None


def _conversion_error(error: str) -> DataError:
    """The DataError for DuckDB's conversion failure ``error``, naming the canonical column it quotes."""
    first = error.splitlines()[0]
    for name in CANONICAL:
        if f'"{name}"' in error or f"'{name}'" in error:
            return DataError("source_unconvertible", column=name, type=BY_NAME[name].sql_type.lower(), problem=first)
    return DataError("source_unreadable", problem=first)
