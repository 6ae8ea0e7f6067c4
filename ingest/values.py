"""Value parsing as Polars expressions: timestamps in ISO and Korean forms, numbers with spaces or commas."""

from __future__ import annotations

import polars as pl

# Written as missing in many exports; treated as an empty cell.
NULL_TOKENS = ("", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "None", "-")

# y m d [T| ] [오전|오후|AM|PM] h:mm[:ss[.fff]] [오전|오후|AM|PM] [Z|±hh:mm]; date separators - . / or 년 월 일.
_TS = (
    r"^(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*[.일]?"
    r"(?:\s*[T ]?\s*(?:(오전|오후|[AaPp][Mm])\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"\s*(오전|오후|[AaPp][Mm])?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)
_TS_GROUPS = ("y", "mo", "d", "ampm1", "h", "mi", "s", "frac", "ampm2")


def text(expr: pl.Expr) -> pl.Expr:
    """A string cell stripped of surrounding space, with the NULL_TOKENS as null."""
    s = expr.cast(pl.String).str.strip_chars()
    return pl.when(s.is_in(NULL_TOKENS)).then(None).otherwise(s)


def timestamp(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """Datetime (µs, no time zone) from a Datetime/Date column or from text; null where unreadable.

    Text forms: ``2026-03-01T14:05:00``, ``2026-03-01 14:05``, ``2026/03/01 14:05:00``,
    ``2026.03.01``, ``2026. 3. 1. 오후 2:05:00``, ``2026-03-01 2:05 PM``; a time-zone suffix is
    dropped and the wall-clock time kept.
    """
    if isinstance(dtype, pl.Datetime):
        out = expr.dt.replace_time_zone(None) if dtype.time_zone else expr
        return out.cast(pl.Datetime("us"))
    if dtype == pl.Date:
        return expr.cast(pl.Datetime("us"))
    return timestamp_from_parts(timestamp_parts(expr))


def timestamp_parts(expr: pl.Expr) -> pl.Expr:
    """The pieces of a text timestamp as a struct (null fields where it does not match)."""
    return text(expr).str.extract_groups(_TS).struct.rename_fields(list(_TS_GROUPS))


def timestamp_from_parts(parts: pl.Expr) -> pl.Expr:
    """Datetime from `timestamp_parts`; pass a column, not the expression, to extract only once."""
    ampm = pl.coalesce(parts.struct.field("ampm1"), parts.struct.field("ampm2")).str.to_uppercase()
    hour = parts.struct.field("h").cast(pl.Int32).fill_null(0)
    pm, am = ampm.is_in(["오후", "PM"]), ampm.is_in(["오전", "AM"])
    hour = (
        pl.when(ampm.is_not_null() & ((hour > 12) | (hour == 0))).then(None)  # "오후 14:00" is no time
        .when(pm & (hour < 12)).then(hour + 12)
        .when(am & (hour == 12)).then(0)
        .otherwise(hour)
    )
    iso = pl.format(
        "{}-{}-{} {}:{}:{}",
        parts.struct.field("y"),
        parts.struct.field("mo").str.zfill(2),
        parts.struct.field("d").str.zfill(2),
        hour.cast(pl.String).str.zfill(2),
        parts.struct.field("mi").fill_null("00"),
        parts.struct.field("s").fill_null("00"),
    )
    # Without %.f chrono takes a much faster path; the fraction is added as microseconds.
    micros = parts.struct.field("frac").str.pad_end(6, "0").str.slice(0, 6).cast(pl.Int64).fill_null(0)
    return iso.str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us", strict=False) + pl.duration(microseconds=micros)


def number(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """Float64 from a numeric column or from text such as ``1,234`` or `` 9 ``; null where unreadable."""
    if dtype.is_numeric():
        return expr.cast(pl.Float64)
    return text(expr).str.replace_all(r"[\s,]", "").cast(pl.Float64, strict=False)


def looks_numeric(series: pl.Series) -> bool:
    """True when every non-empty cell of a text column is a plain number without a leading zero."""
    s = series.cast(pl.String).str.strip_chars()
    s = s.filter(s.is_not_null() & (s != ""))
    if s.len() == 0:
        return False
    return bool(s.str.contains(r"^-?(0|[1-9]\d*)(\.\d+)?$").all())
