"""Suggestions from a file's values: which unmapped column could be the timestamp, nps or satisfaction, and which
score-like columns no field uses.

- a column whose non-empty cells are (at least 90%) dates and times → ``timestamp``; a date-only column and a
  time-of-day column together → ``timestamp`` as ``<date> + <time>``;
- a column of whole numbers on 0–10 (some answer above 7) → ``nps``;
- a column of whole numbers on 1–5 → ``satisfaction``; on 1–7 → ``ces``.

Suggestions are never applied on their own: the Upload page preselects them in the mapping form and
report.py names them in its message. A score-like column (a rating column as ``ingest.survey``
detects it) that no field uses is listed as *unused*, so a score is never silently ignored.
"""

from __future__ import annotations

import dataclasses

import polars as pl

from ingest import kinds, values
from ingest.mapping import COMBINED, ColumnMapping, combined_parts
from ingest.notes import Note
from ingest.read import RawTable
from ingest.survey import candidate, scale_of

_is_dates = kinds.is_dates


_TIME_OF_DAY = r"^(?:(?:오전|오후|[AaPp][Mm])\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:오전|오후|[AaPp][Mm]))?$"


def _is_time_of_day(series: pl.Series) -> bool:
    if series.dtype == pl.Time:
        return True
    if series.dtype != pl.String:
        return False
    text = pl.select(values.text(pl.lit(series))).to_series().drop_nulls()
    return text.len() > 0 and text.str.contains(_TIME_OF_DAY).sum() >= kinds.DATE_SHARE * text.len()


def _is_date_only(series: pl.Series) -> bool:
    if series.dtype == pl.Date:
        return True
    return series.dtype == pl.String and _is_dates(series) and not bool(series.str.contains(":").any())


def value_field(series: pl.Series) -> str | None:
    """The canonical field a column's values fit (timestamp, nps, satisfaction, ces), or None."""
    if _is_dates(series):
        return "timestamp"
    c = candidate(series)
    if c is None:
        return None
    if (c.low, c.high) == (0, 10) or (c.high == 10):
        return "nps"
    if (c.low, c.high) == (1, 5):
        return "satisfaction"
    if (c.low, c.high) == (1, 7):
        return "ces"
    return None


def _used(mapping: ColumnMapping, sources: list[str]) -> set[str]:
    used = set(mapping.columns.values())
    return used | {p for s in used for p in (combined_parts(s, sources) or ())}


def with_suggestions(raw: RawTable, mapping: ColumnMapping) -> ColumnMapping:
    """``mapping`` with ``suggested``: for each unmapped field among timestamp, nps, satisfaction, ces, the first
    unused column (in file order) whose values fit it."""
    used = _used(mapping, raw.columns)
    claimed = {s for sources in mapping.candidates.values() for s in sources}
    suggested: dict[str, str] = {}
    for column in raw.columns:
        if column in used or column in claimed:
            continue
        field = value_field(raw.frame[column])
        if field and field not in mapping.columns and field not in mapping.candidates and field not in suggested:
            suggested[field] = column
    if "timestamp" not in mapping.columns and "timestamp" not in mapping.candidates:
        # A date-only column and a time-of-day column (접수일자 + 접수시간): together, the timestamp.
        free = [c for c in raw.columns if c not in used and c not in claimed]
        dates = [c for c in free if _is_date_only(raw.frame[c])]
        times = [c for c in free if _is_time_of_day(raw.frame[c])]
        if dates and times:
            suggested["timestamp"] = dates[0] + COMBINED + times[0]
    return dataclasses.replace(mapping, suggested=suggested)


def unused_scores(raw: RawTable, mapping: ColumnMapping) -> tuple[tuple[str, str], ...]:
    """Score-like columns (whole numbers on 1–5, 1–7, 1–10 or 0–10) that no field uses: (column, scale)."""
    used = _used(mapping, raw.columns)
    out = []
    for column in raw.columns:
        if column in used:
            continue
        scale = scale_of(raw.frame[column])
        if scale is not None:
            out.append((column, f"{scale[0]}–{scale[1]}"))
    return tuple(out)


def unused_notes(unused: tuple[tuple[str, str], ...]) -> list[Note]:
    """A note per unused score-like column (report.py prints it as a warning, the Upload page shows it)."""
    return [Note("note_unused_score", {"column": column, "scale": scale}) for column, scale in unused]
