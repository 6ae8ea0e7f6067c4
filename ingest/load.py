"""From a raw table and a column mapping to canonical events plus the quarantine of invalid rows."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from errors import CacheError, DataError, disk_problem
from ingest import checks, reasons, suggest, survey, values
from ingest.ingested import FORMAT, QUARANTINE_SCHEMA, Ingested
from ingest.mapping import SURVEY_ONLY, ColumnMapping, combined_parts, propose
from ingest.notes import assumed_notes
from ingest.read import ROW, RawTable, read_bytes, read_table
from ingest.schema import BY_NAME, CANONICAL, REQUIRED, SCORE_RANGES


def load(source: str | Path | bytes, name: str | None = None, mapping: Mapping[str, str] | None = None,
         strict: bool = False, reading: str | None = None, outcome: str | None = None,
         stages: Mapping[str, str] | None = None, accept_invalid: bool = False,
         rake: Mapping[str, Mapping[str, float]] | None = None) -> Ingested:
    """Read, map and validate a file; DataError for a whole-file problem or an unfinished mapping.

    ``mapping`` (canonical → source column) overrides the automatic one for the columns it names.
    With ``strict`` any invalid row is a DataError instead of a quarantined row. ``reading`` is
    ``events``, ``survey`` or None (chosen by ``ingest.survey.reading``); a survey's ``outcome``
    column and rating-column ``stages`` are passed to ``ingest.survey.read``. ``accept_invalid`` loads a file
    in which most rows are invalid (see ``canonicalize``). ``rake`` (column → {value: share}) rakes a survey's
    respondent weights to those shares.
    """
    data, name = read_bytes(source, name)
    raw = read_table(data, name)
    chosen = propose(raw.columns, mapping)
    reading = reading or survey.reading(raw, chosen)
    if reading == survey.SURVEY:
        options = {"mapping": sorted(chosen.columns.items()), "outcome": outcome, "stages": sorted((stages or {}).items()),
                   **({"rake": sorted((c, sorted(v.items())) for c, v in rake.items())} if rake else {})}
        declined = sorted(k for k, v in (mapping or {}).items() if not v)
        return survey.read(raw, chosen, outcome=outcome, stages=stages, strict=strict, declined=declined,
                           digest=survey.digest(data, {**options, "declined": declined}), rake=rake)
    if not chosen.ready:
        raise DataError(suggest.with_suggestions(raw, chosen).problem())
    return canonicalize(raw, chosen, strict=strict, digest=_digest(data, chosen), accept_invalid=accept_invalid)


def _digest(data: bytes, mapping: ColumnMapping) -> str:
    h = hashlib.sha256(data)
    # the display_timezone setting decides the kept wall clock of times with an offset
    h.update(repr((FORMAT, sorted(mapping.columns.items()), values.display_offset_minutes())).encode())
    return h.hexdigest()[:24]


class MostlyInvalid(DataError):
    """No row of the file is valid, or most rows are not (without ``accept_invalid``): a wrong column choice, more
    likely than bad rows; the load stops instead of giving an empty or mostly empty dataset. ``invalid``, ``rows``,
    ``first`` (the first quarantine row as a dict) let a page say it in its own language."""

    def __init__(self, key: str, invalid: int = 0, rows: int = 0, first: dict | None = None, **values):
        super().__init__(key, **values)
        self.invalid, self.rows, self.first = invalid, rows, first or {}


def canonicalize(raw: RawTable, mapping: ColumnMapping, strict: bool = False, digest: str = "",
                 accept_invalid: bool = False) -> Ingested:
    """Events in canonical columns and types plus the quarantine; a row's first problem is its reason.

    MostlyInvalid when no row is valid, or when more rows are invalid than valid unless ``accept_invalid``.
    """
    if not mapping.ready:
        raise DataError(mapping.problem())
    checked = [c for c in CANONICAL if c in mapping.columns and c not in SURVEY_ONLY]
    parts = combined_parts(mapping.columns.get("timestamp", ""), raw.columns)
    if parts and mapping.columns["timestamp"] not in raw.columns:
        # A date column and a time column (일자 + 시간): their text joined by a space is the timestamp.
        date, time = (values.text(pl.col(p)) for p in parts)
        joined = pl.when(date.is_null()).then(None).otherwise(pl.concat_str([date, time.fill_null("")], separator=" "))
        raw = dataclasses.replace(raw, frame=raw.frame.with_columns(joined.alias(mapping.columns["timestamp"])))
    # The file's columns by position (c0, c1, …) while the working columns (__shown_…, __reason, …) are
    # added: no column of the file can be taken for one of them, whatever its name.
    at = {c: f"__cxlens_c{i}" for i, c in enumerate(raw.columns)}
    source = {c: at[s] for c, s in mapping.columns.items()}
    frame = raw.frame.select(pl.col(raw.row).alias(ROW), *(pl.col(c).alias(at[c]) for c in raw.columns))
    schema = frame.schema
    text_time = "timestamp" in checked and schema[source["timestamp"]] == pl.String
    # In stages, so each value is parsed once: text, then parsed values, then reasons, then the first reason.
    frame = frame.with_columns(
        *(values.text(pl.col(source[c])).alias(f"__shown_{c}") for c in checked),
        *([values.timestamp_text(frame[source["timestamp"]]).alias("__time")] if text_time else []),
    )
    frame = frame.with_columns(_parsed(c, source[c], schema[source[c]]).alias(f"__parsed_{c}") for c in checked)
    frame = frame.with_columns(_reason(c).alias(f"__reason_{c}") for c in checked)
    found = [pl.col(f"__reason_{c}") for c in checked]
    frame = frame.with_columns(
        pl.coalesce(found).alias("__reason"),
        # The user's own header names the column (the reason names the field).
        pl.coalesce(pl.when(r.is_not_null()).then(pl.lit(mapping.columns[c])) for c, r in zip(checked, found,
                                                                                              strict=True))
        .alias("__column"),
        pl.coalesce(pl.when(r.is_not_null()).then(pl.col(f"__shown_{c}")) for c, r in zip(checked, found, strict=True))
        .alias("__value"),
    )
    quarantine = frame.filter(pl.col("__reason").is_not_null()).select(
        pl.col(ROW).cast(pl.Int64).alias("row"), pl.col("__column").alias("column"),
        pl.col("__value").alias("value"), pl.col("__reason").alias("reason"),
    ).cast(QUARANTINE_SCHEMA)
    quarantine, messages = reasons.in_english(quarantine)
    if strict and quarantine.height:
        q = quarantine.row(0, named=True)
        raise DataError("rows_invalid_many" if quarantine.height > 1 else "rows_invalid_one", name=raw.name,
                        count=f"{quarantine.height:,}", row=q["row"], reason=messages[q["reason"]])
    valid = frame.filter(pl.col("__reason").is_null())
    if quarantine.height and (valid.height == 0 or (quarantine.height > valid.height and not accept_invalid)):
        # Most rows wrong means a wrong choice (say, the timestamp column), not bad rows: never a load of 0 events.
        q = quarantine.row(0, named=True)
        share = 100.0 * quarantine.height / frame.height
        raise MostlyInvalid("rows_none_valid" if valid.height == 0 else "rows_mostly_invalid", quarantine.height,
                            frame.height, q, name=raw.name, count=f"{quarantine.height:,}", total=f"{frame.height:,}",
                            share=f"{share:.0f}", row=q["row"], reason=messages[q["reason"]])
    mapped_sources = {mapping.columns[c] for c in checked} | set(parts or ())
    extras = [c for c in raw.columns if c not in mapped_sources]
    events = valid.select(
        *(_typed(pl.col(f"__parsed_{c}"), c).alias(c) for c in checked),
        *(values.extra(valid[at[c]]).alias(name) for c, name in _extra_names(extras, raw.columns).items()),
    )
    unused = suggest.unused_scores(raw, mapping)
    return Ingested(name=raw.name, events=events, mapping=mapping, quarantine=quarantine, digest=digest,
                    reasons=messages,
                    notes=(*raw.notes, *assumed_notes(mapping.assumed), *checks.notes(raw, mapping, events),
                           *suggest.unused_notes(unused)), unused=unused)


def _extra_names(extras: list[str], columns: list[str]) -> dict[str, str]:
    """The output name of each unmapped column: its own, or for one named like a canonical column
    ``<name>_source`` (``_source2``, … when the file has that name too)."""
    taken = set(columns) | set(CANONICAL)
    out = {}
    for c in extras:
        name, n = c, 1
        while c in CANONICAL and (name := f"{c}_source{n if n > 1 else ''}") in taken:
            n += 1
        taken.add(name)
        out[c] = name
    return out


def _parsed(canonical: str, source: str, dtype: pl.DataType) -> pl.Expr:
    if canonical == "timestamp":
        if dtype == pl.String:
            return pl.col("__time")
        return values.timestamp(pl.col(source), dtype)
    if canonical in SCORE_RANGES:
        return values.number(pl.col(source), dtype)
    return pl.col(f"__shown_{canonical}")


def _reason(canonical: str) -> pl.Expr:
    """Why a row's value of ``canonical`` is invalid (``reasons.reason``), or null."""
    shown, parsed = pl.col(f"__shown_{canonical}"), pl.col(f"__parsed_{canonical}")
    if canonical == "timestamp":
        bad = pl.when(parsed.is_null()).then(reasons.reason("invalid_timestamp", value=shown))
    elif canonical in SCORE_RANGES:
        lo, hi = SCORE_RANGES[canonical]
        bad = (pl.when(parsed.is_null()).then(reasons.reason("invalid_not_number", field=canonical, value=shown))
               .when((parsed < lo) | (parsed > hi))
               .then(reasons.reason("invalid_out_of_range", field=canonical, value=shown, low=lo, high=hi)))
        if canonical == "nps":
            bad = bad.when(parsed != parsed.round()).then(reasons.reason("invalid_not_whole", value=shown))
    else:
        bad = pl.lit(None, pl.String)
    missing = reasons.reason("invalid_missing", field=canonical) if canonical in REQUIRED else pl.lit(None, pl.String)
    return pl.when(shown.is_null()).then(missing).otherwise(bad).cast(pl.String)


def _typed(expr: pl.Expr, canonical: str) -> pl.Expr:
    sql_type = BY_NAME[canonical].sql_type
    if sql_type == "DOUBLE":
        return expr.cast(pl.Float64)
    if sql_type == "TIMESTAMP":
        return expr.cast(pl.Datetime("us"))
    return expr.cast(pl.String)


def write_parquet(ingested: Ingested, path: str | Path) -> Path:
    """Write the valid events as one Parquet file that ``store.open_dataset`` reads; returns the path.

    Written to a temporary name and renamed, so a reader never sees half a file.
    Raises CacheError naming the directory when it cannot be written (read-only, full); nothing is left behind.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        metadata = {survey.METADATA_KEY: ingested.survey.to_json()} if ingested.survey else None
        ingested.events.write_parquet(tmp, compression="zstd", metadata=metadata)
        os.replace(tmp, path)
    except Exception as exc:  # polars wraps a failed write in its own error types
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise disk_problem(exc, path.parent) or CacheError(path.parent, str(exc).splitlines()[0]) from None
    return path
