"""The facts cache: one folder per dataset version, found or built by ``open_dataset`` (the facts pass is
``store.facts.journey_facts``).

Journey facts are computed in one pass over the events per dataset version and cached on disk
under ``<cache_dir>/<version>/`` (the version is a fingerprint of the files' paths, sizes and
modification times), so a second process on the same unchanged source reuses them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path

import settings
from errors import DataError
from ingest.schema import CANONICAL, FACTS_FORMAT, choose_dimensions, column_names, quote
from store.facts import db
from store.facts.dataset import Dataset, fingerprint, resolve
from store.facts.journey_facts import _CODED, Progress, _materialize, late_pass
from store.facts.source import _check_types, _describe, _read_sql

_STRING_TYPES = ("VARCHAR",)


def _distinct_counts(schema: dict[str, str], files: tuple[str, ...]) -> tuple[dict[str, int], dict[str, int]]:
    """Approximate distinct values of each extra text column and of the text columns the facts pass
    may code as enums, and the filled cells of each extra text column, from one scan."""
    columns = [c for c, t in schema.items() if (c not in CANONICAL and t in _STRING_TYPES) or c in _CODED]
    if not columns:
        return {}, {}
    extra = [c for c in columns if c not in CANONICAL]
    row = db.query(
        "SELECT " + ", ".join([f"approx_count_distinct({quote(c)})" for c in columns]
                              + [f"count({quote(c)})" for c in extra])
        + f" FROM {_read_sql()}",
        {"files": list(files)},
    ).row(0)
    return dict(zip(columns, row[:len(columns)], strict=True)), dict(zip(extra, row[len(columns):], strict=True))


def _dimensions(schema: dict[str, str], counts: dict[str, int],
                filled: dict[str, int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(dimensions, plain columns), by their names in cxlens (see ``ingest.schema.column_names``): the extra text
    columns chosen as the journey filters' dimensions by ``ingest.schema.choose_dimensions`` under the
    max_dimension_values and max_dimensions settings, and those that could have been but are beyond the cap."""
    names = column_names(tuple(schema))
    extra = [(c, counts[c], filled[c]) for c, t in schema.items() if c not in CANONICAL and t in _STRING_TYPES]
    dims, plain = choose_dimensions(extra, settings.get_int("max_dimension_values"),
                                    settings.get_int("max_dimensions"))
    return tuple(names[c] for c in dims), tuple(names[c] for c in plain)


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


def _clear_dead_passes(cache_dir: Path, pattern: str = "*.tmp-*") -> None:
    """Delete the folders of facts passes that a process of this host started and did not finish because it
    died (killed mid-pass): their folder names end in ``-<pid>@<host>`` and that process is gone. ``pattern``: the
    core passes' folders in the cache (default), or ``.late-*`` for the late outputs' folders inside a facts folder."""
    db.clear_dead_folders(cache_dir, pattern)


def open_dataset(source: str | os.PathLike, name: str | None = None, progress: Progress | None = None,
                 cache_dir: str | os.PathLike | None = None, background: bool = False,
                 timings: dict[str, float] | None = None, hold: bool = False) -> Dataset:
    """Resolve, check and fingerprint ``source``; compute its journey facts unless cached.

    The facts pass's core is written before this returns; its late outputs (``store.facts.ready.LATE``) too, or, with
    ``background``, in a background thread, each reader waiting for the output it reads (``store.facts.ready.wait``).
    Late outputs a killed pass left unmarked are written again. ``timings``, when given, receives the seconds each
    output took (``make bench``'s table per output). ``hold`` (with ``background``): the late outputs wait until the
    page that opened the data is drawn (``store.facts.ready.release``), a reader needs one, or
    ``store.facts.ready.HOLD_SECONDS``, so they do not slow the first page down.

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
        started = time.perf_counter()
        counts, filled = _distinct_counts(schema, files)
        if timings is not None:
            timings["distinct_counts"] = time.perf_counter() - started
        dims, plain = _dimensions(schema, counts, filled)
        _materialize(files, columns, dims, counts, facts_dir, progress, timings, plain=plain)
        _prune(facts_dir.parent, keep=facts_dir)
    else:
        _touch(facts_dir)
    m = db.query("SELECT * FROM read_parquet($p)", {"p": str(meta)}).row(0, named=True)
    if m["events"] == 0 and m["rejected"] == 0:  # a zero-row file: every figure would be null with no word why
        raise DataError("source_no_valid_rows", name=name or Path(source).name)
    # Facts written by another engine (README, "Scale and remote data") may not list the dimensions.
    listed = m.get("dims")
    dims, plain = ((tuple(listed), tuple(m.get("plain_dims") or ())) if listed is not None
                   else _dimensions(schema, *_distinct_counts(schema, files)))
    ds = Dataset(
        source=source, files=files, version=version, columns=columns, dims=dims,
        stage_order=_stage_order(facts_dir), facts_dir=str(facts_dir),
        events=m["events"], journeys=m["journeys"], rejected=m["rejected"],
        name=name or Path(source).name, pair_bits=_pair_bits(m.get("mask_stages"), m.get("mask_channels")),
        engine=m.get("engine") or "unknown", engine_version=m.get("engine_version") or "",
        renamed=renamed, plain_dims=plain, late=tuple(m.get("late") or ()),
        as_read=frozenset(m.get("as_read") or ()),
    )
    if ds.late:
        _clear_dead_passes(facts_dir, ".late-*")
        late_pass(ds, background, timings, hold=hold)
    return ds


_FACTS_FILES = ("meta.parquet", "events.parquet", "journeys.parquet", "transitions.parquet", "stages.parquet",
                "steps.parquet")


def facts_stamp(facts_dir: str | os.PathLike) -> str:
    """The version of a facts directory written elsewhere: a fingerprint of its files (a rewrite is a new one)."""
    facts = Path(facts_dir).expanduser()
    missing = [n for n in _FACTS_FILES if not (facts / n).exists()]
    if missing:
        raise DataError("facts_incomplete", facts=str(facts.name or facts), missing=", ".join(missing))
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
        raise DataError("facts_other_version", facts=str(facts.name or facts), found=m.get("facts_format") or "unknown",
                        expected=FACTS_FORMAT)
    events_columns = db.cursor().sql("SELECT * FROM read_parquet($p) LIMIT 0", params={"p": str(facts / "events.parquet")})
    present = [c for c in events_columns.columns if c in CANONICAL]  # in the file's order (DESCRIBE's rows may not be)
    columns = tuple(m.get("columns") or present)
    return Dataset(
        source=str(facts), files=(), version=version, columns=columns,
        dims=tuple(m.get("dims") or ()), plain_dims=tuple(m.get("plain_dims") or ()),
        stage_order=_stage_order(facts), facts_dir=str(facts),
        events=m["events"], journeys=m["journeys"], rejected=m["rejected"], name=name or facts.name,
        pair_bits=_pair_bits(m.get("mask_stages"), m.get("mask_channels")),
        engine=m.get("engine") or "unknown", engine_version=m.get("engine_version") or "",
        renamed={c: n for c, n in column_names(columns).items() if c != n}, late=tuple(m.get("late") or ()),
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
