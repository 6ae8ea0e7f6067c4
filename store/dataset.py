"""Datasets: resolve a source, check its schema, fingerprint it and compute its journey facts once.

Journey facts are computed in one pass over the events per dataset version and cached on disk
under ``<cache_dir>/<version>/`` (the version is a fingerprint of the files' paths, sizes and
modification times), so a second process on the same unchanged source reuses them.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import shutil
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

import settings
from errors import CacheError, DataError, disk_problem
from store import db
from store.schema import BY_NAME, CANONICAL, FACTS_FORMAT, REQUIRED, SCORE_RANGES, column_names, quote

_REMOTE_PREFIXES = ("s3://", "s3a://", "gs://", "gcs://", "http://", "https://", "az://", "abfss://")
_STRING_TYPES = ("VARCHAR",)
Progress = Callable[[float, str], None]  # (fraction done 0-1, what is happening)


@dataclass(frozen=True)
class Dataset:
    """One event source, resolved and checked, with its journey facts on disk."""

    source: str
    files: tuple[str, ...]
    version: str
    columns: tuple[str, ...]      # columns present in the source, in its order
    dims: tuple[str, ...]         # extra string columns usable as journey filters (by their names in cxlens)
    stage_order: tuple[str, ...]
    facts_dir: str
    events: int                   # valid events
    journeys: int
    rejected: int                 # events left out as invalid (see ``quarantine``)
    name: str
    # Bit of each (stage, channel) pair in the journeys' ``stage_channel_mask`` (empty when the
    # dataset has more than 64 pairs or too many distinct stages or channels to code them).
    pair_bits: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, hash=False)
    engine: str = "duckdb"        # what wrote the facts (meta.parquet's engine), and its version
    engine_version: str = ""
    # Source column -> its name in cxlens, for the extra columns renamed because their names are
    # cxlens's own (store.schema.column_names); empty when none is.
    renamed: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Derived personas (store.personas.with_personas): the prefix of copies of events.parquet and journeys.parquet
    # whose persona columns hold each customer's persona code, the label of each code (the persona every query
    # then shows, filters and splits by), and the assignment (customer_id, cluster). Empty: the data's own column.
    derived: str = ""
    persona_labels: tuple[str, ...] = ()
    persona_assignment: str = ""

    @property
    def journeys_path(self) -> str:
        if self.derived:  # persona as the derived persona's code (see journeys_sql)
            return f"{self.derived}-journeys.parquet"
        return str(Path(self.facts_dir) / "journeys.parquet")

    @property
    def transitions_path(self) -> str:
        return str(Path(self.facts_dir) / "transitions.parquet")

    @property
    def events_path(self) -> str:
        """The valid events in canonical form (all but ``comment``), with ``seq`` (1-based position in
        journey order) and ``prev_channel``: what touchpoint queries read instead of the source."""
        if self.derived:  # persona and journey_persona as the derived persona's code (see events_sql)
            return f"{self.derived}-events.parquet"
        return str(Path(self.facts_dir) / "events.parquet")

    @property
    def quarantine_path(self) -> str:
        return str(Path(self.facts_dir) / "quarantine.parquet")

    @property
    def has(self) -> frozenset[str]:
        return frozenset(self.columns)

    def source_sql(self) -> str:
        """SELECT of the valid events in canonical form; reads the files bound as ``$files`` (``source_files``).

        Facts without their source (``open_facts``) have no comments beside the events: their events are read
        from ``events.parquet`` with ``comment`` NULL (the voice-of-the-customer page reads comments.parquet)."""
        if not self.files:
            dims = "".join(", " + quote(d) for d in self.dims)
            return ("SELECT journey_id, customer_id, timestamp, stage, channel, touchpoint, persona, satisfaction, "
                    f"ces, nps, CAST(NULL AS VARCHAR) AS comment{dims} FROM read_parquet($files)")
        return _source_select(self.columns, self.dims) + " WHERE " + _valid_sql()

    @property
    def source_files(self) -> list[str]:
        """What ``source_sql`` reads as ``$files``: the source's files, or the facts' events without a source."""
        return list(self.files) or [self.events_path]

    def events_sql(self) -> str:
        """The same events as ``source_sql`` without ``comment``, from ``events_path`` bound as ``$events``:
        already cast and checked, so much cheaper to scan than the source.

        Each event also carries its journey's ``journey_first_ts`` and ``journey_persona`` (the
        journey facts' first_ts and persona), so a period or persona filter is a column predicate
        on the events (pushed into the Parquet scan) instead of a semi-join on the journeys.
        ``persona`` is the journey's persona too, so touchpoint figures split by persona agree
        with the persona filter (which selects journeys by their persona)."""
        if self.derived:  # the persona code of the customer (so of the journey too), shown as its label
            label = "list_extract(CAST($persona_labels AS VARCHAR[]), journey_persona + 1)"
            return (f"SELECT * EXCLUDE (seq, prev_channel, persona, journey_persona), {label} AS persona, "
                    f"{label} AS journey_persona FROM read_parquet($events)")
        return "SELECT * EXCLUDE (seq, prev_channel, persona), journey_persona AS persona FROM read_parquet($events)"

    def journeys_sql(self) -> str:
        """The journey facts as a table expression: ``read_parquet($journeys)``, with the derived persona's label in
        ``persona`` when the personas are derived."""
        if self.derived:
            return ("(SELECT * REPLACE (list_extract(CAST($persona_labels AS VARCHAR[]), persona + 1) AS persona) "
                    "FROM read_parquet($journeys))")
        return "read_parquet($journeys)"

    def bind(self, params: dict) -> dict:
        """``params`` with ``$persona_labels`` bound when the personas are derived (for events_sql and journeys_sql)."""
        if self.derived:
            params["persona_labels"] = list(self.persona_labels)
        return params


def is_remote(source: str) -> bool:
    return source.startswith(_REMOTE_PREFIXES)


def resolve(source: str) -> tuple[str, ...]:
    """The Parquet files (or remote glob) a source names: a file, a directory (recursively) or a glob."""
    if is_remote(source):
        if source.endswith("/"):
            source += "**/*.parquet"
        return (source,)
    path = Path(source).expanduser()
    if path.is_dir():
        files = sorted(glob.glob(str(path / "**" / "*.parquet"), recursive=True))
        if not files:
            raise DataError(f"The directory {source} holds no Parquet files.")
        return tuple(files)
    if path.is_file():
        return (str(path.resolve()),)
    if any(ch in source for ch in "*?["):
        files = sorted(glob.glob(str(path), recursive=True))
        if files:
            return tuple(files)
        raise DataError(f"No file matches {source}.")
    raise DataError(f"The data source {source} does not exist.")


def fingerprint(files: tuple[str, ...]) -> str:
    """A version string that changes whenever a file is added, removed, resized or rewritten.

    A remote glob is listed (object names, sizes, modification times) through DuckDB's filesystem,
    without reading the objects.
    """
    h = hashlib.sha256(FACTS_FORMAT.encode())
    h.update(settings.get("stage_order").encode())
    h.update(settings.get("max_dimension_values").encode())  # which columns are dimensions (in the facts)
    for f in files:
        h.update(f.encode())
        if is_remote(f):
            for name, size, modified in _remote_listing(f):
                h.update(f"{name}:{size}:{modified}".encode())
        else:
            st = os.stat(f)
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def _remote_listing(pattern: str) -> list[tuple]:
    try:
        listing = db.query("SELECT filename, size, last_modified FROM read_blob($p) ORDER BY filename",
                           {"p": pattern})
    except Exception as exc:  # duckdb raises several types for unreachable or unlisted storage
        raise DataError(f"Could not list {pattern}: {str(exc).splitlines()[0]}") from None
    return listing.rows()


def _read_sql() -> str:
    return "read_parquet($files, hive_partitioning = true, union_by_name = true)"


def _source_select(columns: tuple[str, ...], dims: tuple[str, ...], positions: bool = False) -> str:
    """Canonical columns (cast, missing optional ones as NULL) plus dims (by their names in cxlens);
    with ``positions`` the file name and row number of each event too (row 2 is the file's first:
    numbered as ingest numbers a file's lines, the header being row 1).

    The source's columns (``columns``, in its order) are renamed by position to c0, c1, … as they
    are read, so no column of the data can shadow DuckDB's ``filename`` and ``file_row_number``
    or be mistaken for another."""
    at = {c: f"c{i}" for i, c in enumerate(columns)}
    source = {name: c for c, name in column_names(columns).items()}
    parts = ["filename AS file", "file_row_number + 2 AS row_number"] if positions else []
    for name in CANONICAL:
        col = BY_NAME[name]
        if name == "customer_id":
            cid = _text_sql(at[name]) if name in at else "NULL"
            parts.append(f"COALESCE({cid}, {_text_sql(at['journey_id'])}) AS customer_id")
        elif name in at and col.sql_type == "VARCHAR":
            parts.append(f"{_text_sql(at[name])} AS {name}")
        elif name in at:
            parts.append(f"CAST({at[name]} AS {col.sql_type}) AS {name}")
        else:
            parts.append(f"CAST(NULL AS {col.sql_type}) AS {name}")
    parts += [f"{_text_sql(at[source[d]])} AS {quote(d)}" for d in dims]
    return "SELECT " + ", ".join(parts) + f" FROM {_read_sql()} AS src({', '.join(at.values())})"


def _text_sql(column: str) -> str:
    """A source column as text in Unicode NFC, so 가입 typed on macOS (NFD) and on Windows (NFC) is one value."""
    return f"nfc_normalize(CAST({quote(column)} AS VARCHAR))"


def _invalid_reason_sql() -> str:
    """A CASE naming the first problem of an event, NULL for a valid one."""
    whens = [f"WHEN {c} IS NULL THEN 'missing {c}'" for c in REQUIRED]
    for c, (lo, hi) in SCORE_RANGES.items():
        whens.append(f"WHEN {c} IS NOT NULL AND NOT ({c} BETWEEN {lo} AND {hi}) THEN '{c} outside {lo}-{hi}'")
    whens.append("WHEN nps IS NOT NULL AND nps <> round(nps) THEN 'nps not a whole number'")
    return "CASE " + " ".join(whens) + " END"


def _valid_sql() -> str:
    return "(" + _invalid_reason_sql() + ") IS NULL"


def _describe(files: tuple[str, ...]) -> dict[str, str]:
    db.database()  # a cache directory that cannot be used is said as such, not blamed on the file
    try:
        schema = db.query(f"DESCRIBE SELECT * FROM {_read_sql()}", {"files": list(files)})
    except Exception as exc:  # duckdb raises several types for unreadable files
        raise DataError(f"Could not read {files[0]} as Parquet: {str(exc).splitlines()[0]}") from None
    return dict(zip(schema["column_name"], schema["column_type"], strict=True))


def _check_types(schema: dict[str, str]) -> None:
    for name in REQUIRED:
        if name not in schema:
            raise DataError(f"The data has no '{name}' column, which is required.")
    if not any(t in schema["timestamp"] for t in ("TIMESTAMP", "DATE", "VARCHAR")):
        raise DataError(f"Column 'timestamp' holds {schema['timestamp']}, not dates and times.")
    for name in SCORE_RANGES:
        t = schema.get(name)
        if t is not None and not any(k in t for k in ("INT", "DOUBLE", "FLOAT", "DECIMAL", "NULL")):
            raise DataError(f"Column '{name}' holds {t}, not numbers.")


def reads_directly(source: str | os.PathLike) -> bool:
    """Whether the store can read ``source`` (a Parquet file) as it is, with no column mapping or value
    parsing: every required column under its canonical name, timestamps stored as timestamps or dates
    and scores as numbers. Reads only the file's footer."""
    path = str(source)
    if not path.lower().endswith(".parquet"):
        return False
    try:
        schema = _describe((path,))
        _check_types(schema)
    except CacheError:
        raise
    except DataError:
        return False
    return "VARCHAR" not in schema["timestamp"]


def _distinct_counts(schema: dict[str, str], files: tuple[str, ...]) -> dict[str, int]:
    """Approximate distinct values of each extra text column and of the text columns the facts pass
    may code as enums, from one scan."""
    columns = [c for c, t in schema.items() if (c not in CANONICAL and t in _STRING_TYPES) or c in _CODED]
    if not columns:
        return {}
    return db.query(
        "SELECT " + ", ".join(f"approx_count_distinct({quote(c)}) AS {quote(c)}" for c in columns)
        + f" FROM {_read_sql()}",
        {"files": list(files)},
    ).row(0, named=True)


def _dimensions(schema: dict[str, str], counts: dict[str, int]) -> tuple[str, ...]:
    """Extra text columns with at most max_dimension_values values, by their names in cxlens (see
    ``store.schema.column_names``): the journey filters' dimensions."""
    limit = settings.get_int("max_dimension_values")
    names = column_names(tuple(schema))
    return tuple(names[c] for c, t in schema.items()
                 if c not in CANONICAL and t in _STRING_TYPES and 0 < counts[c] <= limit)


def facts_ready(version: str) -> bool:
    """Whether the journey facts of data version ``version`` are already on disk (opening is then quick);
    when they are, they count as just used (see ``_prune``)."""
    facts_dir = Path(settings.get("cache_dir")) / version
    ready = (facts_dir / "meta.parquet").exists()
    if ready:
        _touch(facts_dir)
    return ready


def _touch(facts_dir: Path) -> None:
    """Mark a version's facts as used now (the folder's modification time)."""
    with contextlib.suppress(OSError):  # removed meanwhile, or a read-only cache: nothing to mark
        os.utime(facts_dir)


def _prune(cache_dir: Path, keep: Path) -> None:
    """Delete the facts of data versions not used for ``cache_keep_days`` days, and folders of facts
    passes that never finished (older than a day). Other folders (ingest, duckdb-spill) stay."""
    days = settings.get_int("cache_keep_days")
    if days <= 0:
        return
    now = time.time()
    for entry in cache_dir.iterdir():
        if entry == keep or not entry.is_dir():
            continue
        if ".tmp-" in entry.name:
            age_limit = 86_400
        elif (entry / "meta.parquet").exists():
            age_limit = days * 86_400
        else:
            continue
        try:
            stale = now - entry.stat().st_mtime > age_limit
        except OSError:
            continue
        if stale:
            shutil.rmtree(entry, ignore_errors=True)


def _clear_dead_passes(cache_dir: Path) -> None:
    """Delete the folders of facts passes that a process of this host started and did not finish because it
    died (killed mid-pass): their folder names end in ``-<pid>@<host>`` and that process is gone."""
    host = socket.gethostname()
    for entry in cache_dir.glob("*.tmp-*"):
        owner, _, entry_host = entry.name.rpartition("@")
        pid = owner.rpartition("-")[2]
        if entry_host != host or not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
        except OSError:  # alive, owned by another user
            continue


def open_dataset(source: str | os.PathLike, name: str | None = None, progress: Progress | None = None,
                 cache_dir: str | os.PathLike | None = None) -> Dataset:
    """Resolve, check and fingerprint ``source``; compute its journey facts unless cached.

    ``progress(fraction, message)``, when given, is called as the journey facts are computed
    (fraction 0–1, message saying what is happening) so a caller can show the first load of a
    large dataset; it is not called when the facts are cached. ``cache_dir`` is where the facts
    go (default: the ``cache_dir`` setting); a session's upload passes a directory of the session,
    so its facts go with it instead of staying in the shared cache.

    Raises DataError with one sentence when the source is missing, unreadable or lacks a
    required column.
    """
    source = str(source)
    files = resolve(source)
    schema = _describe(files)
    _check_types(schema)
    version = fingerprint(files)
    facts_dir = Path(cache_dir or settings.get("cache_dir")) / version
    columns = tuple(schema)
    renamed = {c: n for c, n in column_names(columns).items() if c != n}
    meta = facts_dir / "meta.parquet"
    if not meta.exists():
        # Scanned only on the first open: later opens read the dimensions from meta.parquet.
        _clear_dead_passes(facts_dir.parent)
        counts = _distinct_counts(schema, files)
        _materialize(files, columns, _dimensions(schema, counts), counts, facts_dir, progress)
        _prune(facts_dir.parent, keep=facts_dir)
    else:
        _touch(facts_dir)
    m = db.query("SELECT * FROM read_parquet($p)", {"p": str(meta)}).row(0, named=True)
    if m["events"] == 0 and m["rejected"] == 0:  # a zero-row file: every figure would be null with no word why
        raise DataError(f"{name or Path(source).name} has no events to analyse: it has no valid rows.")
    # Facts written by another engine (README, "Scale and remote data") may not list the dimensions.
    listed = m.get("dims")
    dims = tuple(listed) if listed is not None else _dimensions(schema, _distinct_counts(schema, files))
    return Dataset(
        source=source, files=files, version=version, columns=columns, dims=dims,
        stage_order=_stage_order(facts_dir), facts_dir=str(facts_dir),
        events=m["events"], journeys=m["journeys"], rejected=m["rejected"],
        name=name or Path(source).name, pair_bits=_pair_bits(m.get("mask_stages"), m.get("mask_channels")),
        engine=m.get("engine") or "unknown", engine_version=m.get("engine_version") or "",
        renamed=renamed,
    )


_FACTS_FILES = ("meta.parquet", "events.parquet", "journeys.parquet", "transitions.parquet", "stages.parquet",
                "steps.parquet")


def facts_stamp(facts_dir: str | os.PathLike) -> str:
    """The version of a facts directory written elsewhere: a fingerprint of its files (a rewrite is a new one)."""
    facts = Path(facts_dir).expanduser()
    missing = [n for n in _FACTS_FILES if not (facts / n).exists()]
    if missing:
        raise DataError(f"The facts directory {facts.name or facts} has no {', '.join(missing)}: "
                        "it was not written by a complete facts pass.")
    # Spark writes each fact as a directory of part files (DuckDB reads it as one table).
    files = [str(p) for n in _FACTS_FILES
             for p in ([facts / n] if (facts / n).is_file() else sorted((facts / n).glob("*.parquet")))]
    return "facts-" + fingerprint(tuple(files))


def open_facts(facts_dir: str | os.PathLike, name: str | None = None) -> Dataset:
    """A dataset from a facts directory written elsewhere (another machine's pass, or Spark: see
    ``store.spark``), without its source: journey and touchpoint figures read only the facts.

    The version is a fingerprint of the facts files, so a rewritten directory is a new version.
    Raises DataError with one sentence when the directory lacks a facts file.
    """
    facts = Path(facts_dir).expanduser()
    version = facts_stamp(facts)
    m = db.query("SELECT * FROM read_parquet($p)", {"p": str(facts / "meta.parquet")}).row(0, named=True)
    if m.get("facts_format") != FACTS_FORMAT:
        raise DataError(f"The facts directory {facts.name or facts} was written by another version of cxlens (facts "
                        f"format {m.get('facts_format') or 'unknown'}; this one reads {FACTS_FORMAT}): run its facts "
                        "pass again.")
    events_schema = db.query("DESCRIBE SELECT * FROM read_parquet($p)", {"p": str(facts / "events.parquet")})
    present = [c for c in events_schema["column_name"].to_list() if c in CANONICAL]
    columns = tuple(m.get("columns") or present)
    return Dataset(
        source=str(facts), files=(), version=version, columns=columns,
        dims=tuple(m.get("dims") or ()), stage_order=_stage_order(facts), facts_dir=str(facts),
        events=m["events"], journeys=m["journeys"], rejected=m["rejected"], name=name or facts.name,
        pair_bits=_pair_bits(m.get("mask_stages"), m.get("mask_channels")),
        engine=m.get("engine") or "unknown", engine_version=m.get("engine_version") or "",
        renamed={c: n for c, n in column_names(columns).items() if c != n},
    )


def _pair_bits(stages: list[str] | None, channels: list[str] | None) -> dict[tuple[str, str], int]:
    """Bit of (stage, channel) in ``stage_channel_mask``: stage index × channel count + channel index."""
    if not stages or not channels:
        return {}
    return {(s, c): i * len(channels) + j for i, s in enumerate(stages) for j, c in enumerate(channels)}


def _stage_order(facts_dir: Path) -> tuple[str, ...]:
    inferred = db.query(
        "SELECT stage FROM read_parquet($p) ORDER BY median_position, stage",
        {"p": str(facts_dir / "stages.parquet")},
    )["stage"].to_list()
    configured = [s.strip() for s in settings.get("stage_order").split(",") if s.strip()]
    return tuple([s for s in configured if s in inferred] + [s for s in inferred if s not in configured])


# Text columns sorted and grouped in the facts pass as ENUM codes (a byte or two each) instead of strings
# when they have at most this many values: the window moves every event with its columns, and codes
# move much faster (10M events: 10.2 s -> 6.1 s). Enum values are created in string order, so ORDER BY
# an enum equals ORDER BY the text.
_ENUM_MAX_VALUES = 10_000
_CODED = ("stage", "channel", "touchpoint", "persona")


def _enum_types(cur, files: list[str], columns: tuple[str, ...], dims: tuple[str, ...],
                counts: dict[str, int]) -> dict[str, str]:
    """Create an ENUM type (unique name) for each low-cardinality text column (``counts``: approximate
    distinct values per source column); {column (dims by their names in cxlens): type name}."""
    names = column_names(columns)
    counts = {names.get(c, c): n for c, n in counts.items()}
    present = [c for c in _CODED if c in columns] + list(dims)
    coded = [c for c in present if 0 < counts.get(c, 0) <= _ENUM_MAX_VALUES]
    if not coded:
        return {}
    values = cur.sql(
        "SELECT " + ", ".join(
            f"list(DISTINCT {quote(c)}) FILTER (WHERE {quote(c)} IS NOT NULL)" for c in coded)
        + f" FROM ({_source_select(columns, dims)})",
        params={"files": files},
    ).fetchall()[0]
    types = {}
    prefix = f"cx_{uuid.uuid4().hex[:12]}"
    for i, (column, distinct) in enumerate(zip(coded, values, strict=True)):
        name = f"{prefix}_{i}"
        cur.sql(f"CREATE TYPE {name} AS ENUM (SELECT unnest(list_sort($v)))", params={"v": distinct})
        types[column] = name
    return types


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
        CAST(arg_max(nps, seq) FILTER (WHERE nps IS NOT NULL) AS TINYINT) AS nps"""
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


def _materialize(files: tuple[str, ...], columns: tuple[str, ...], dims: tuple[str, ...], counts: dict[str, int],
                 facts_dir: Path, progress: Progress | None = None) -> None:
    """One pass over the events in journey order (text columns sorted as enum codes), streamed to
    events.parquet; from that file the journey facts, channel transitions, stage positions; and the
    quarantine from the source (only when some rows were left out)."""
    tmp = facts_dir.with_name(f"{facts_dir.name}.tmp-{uuid.uuid4().hex[:8]}-{os.getpid()}@{socket.gethostname()}")
    step = progress or (lambda fraction, message: None)
    cur = db.database().cursor()
    params = {"files": list(files)}
    raw = _source_select(columns, dims)
    events = {"ev": str(tmp / "events.parquet")}
    types: dict[str, str] = {}
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        step(0.0, "Reading the events into journey order")
        try:
            types = _enum_types(cur, list(files), columns, dims, counts)
            payload = ", ".join(
                [f"{_coded(c, types)} AS {quote(c)}" for c in ("stage", "channel", "touchpoint", "persona", *dims)]
                + ["journey_id", "customer_id", "timestamp", "satisfaction", "ces", "nps"])
            # Written to Parquet rather than held in a temp table: the window spills to disk under
            # the memory limit and nothing of the events stays in memory afterwards. Enum columns
            # are written as text.
            cur.sql(
                f"""COPY (
                    SELECT journey_id, customer_id, timestamp, stage, channel, touchpoint, persona,
                           satisfaction, ces, nps{''.join(', ' + quote(d) for d in dims)},
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
            raise disk_problem(exc, facts_dir.parent) or DataError(_conversion_message(str(exc))) from None
        step(0.5, "Computing journey facts")
        # (imported here: store.paths queries through store.queries, which imports this)
        from store import cube, journey_stages, paths
        mask_stages, mask_channels = _mask_values(cur, types)
        # steps, and each journey's stage and channel path
        path_parts = paths.write_steps(cur, events["ev"], tmp, mask_stages, mask_channels)
        sql, extra = _journey_facts_sql(types, dims, mask_stages, mask_channels)
        cur.sql(f"""COPY (SELECT f.*, p.stage_path, p.channel_path FROM ({sql}) f
                          JOIN read_parquet($path_parts) p USING (journey_id) ORDER BY f.first_ts
                    ) TO $out (FORMAT parquet, COMPRESSION zstd)""",
                params={**events, **extra, "path_parts": path_parts, "out": str(tmp / "journeys.parquet")})
        for part in path_parts:
            os.remove(part)
        paths.write_touchpoint_steps(cur, events["ev"], str(tmp / "journeys.parquet"), tmp)
        step(0.75, "Counting channel handoffs and stage positions")
        cur.sql(
            """COPY (
                SELECT journey_id, prev_channel AS from_channel, channel AS to_channel, count(*) AS count
                FROM read_parquet($ev) WHERE prev_channel IS NOT NULL AND prev_channel <> channel
                GROUP BY ALL
            ) TO $out (FORMAT parquet, COMPRESSION zstd)""",
            params={**events, "out": str(tmp / "transitions.parquet")},
        )
        cube.write(cur, events["ev"], tmp)  # touchpoint counts the filter changes sum (store/cube.py)
        # each journey's stage entries, next stages and stage satisfaction (store/journey_stages.py)
        journey_stages.write(cur, events["ev"], str(tmp / "journeys.parquet"), tmp)
        cur.sql(
            """COPY (
                SELECT stage, median(seq) AS median_position, count(*) AS events FROM read_parquet($ev) GROUP BY stage
            ) TO $out (FORMAT parquet)""",
            params={**events, "out": str(tmp / "stages.parquet")},
        )
        from store.voc import write_comments  # the comments of the voice-of-the-customer page (store/voc.py)
        write_comments(cur, raw, params, tmp)
        step(0.9, "Listing invalid events")
        # The source's row count is in its Parquet footers: when every row made it into events.parquet
        # there is nothing to list and the source is not read again (10M events: 0.5-0.8 s).
        valid = cur.sql("SELECT count(*) FROM read_parquet($ev)", params=events).fetchall()[0][0]
        total = cur.sql("SELECT sum(num_rows) FROM parquet_file_metadata($files)", params=params).fetchall()[0][0]
        invalid = f"""
            SELECT file, row_number, reason FROM (
                SELECT file, row_number, {_invalid_reason_sql()} AS reason
                FROM ({_source_select(columns, dims, positions=True)})
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
                       CAST($mask_stages AS VARCHAR[]) AS mask_stages,
                       CAST($mask_channels AS VARCHAR[]) AS mask_channels,
                       CAST($columns AS VARCHAR[]) AS columns,
                       'duckdb' AS engine, $engine_version AS engine_version, $facts_format AS facts_format,
                       now() AS written_at
            ) TO $out (FORMAT parquet)""",
            params={**events, "j": str(tmp / "journeys.parquet"), "q": str(tmp / "quarantine.parquet"),
                    "mask_stages": mask_stages, "mask_channels": mask_channels, "dims": list(dims),
                    "columns": list(columns), "engine_version": duckdb.__version__,
                    "facts_format": FACTS_FORMAT, "out": str(tmp / "meta.parquet")},
        )
        step(1.0, "Journey facts ready")
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


def _conversion_message(error: str) -> str:
    first = error.splitlines()[0]
    for name in CANONICAL:
        if f'"{name}"' in error or f"'{name}'" in error:
            return f"Column '{name}' has values that cannot be read as {BY_NAME[name].sql_type.lower()}: {first}"
    return f"The data could not be read: {first}"
