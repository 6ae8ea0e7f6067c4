"""Value parsing as Polars expressions: timestamps in ISO and Korean forms, numbers with spaces or commas."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import polars as pl

import settings
from errors import DataError

# Written as missing in many exports; treated as an empty cell.
NULL_TOKENS = ("", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "None", "-")

# y m d [T| ] [오전|오후|AM|PM] h:mm[:ss[.fff]] [오전|오후|AM|PM] [Z|±hh:mm]; date separators - . / or 년 월 일.
_TS = (
    r"^(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*[.일]?"
    r"(?:\s*[T ]?\s*(?:(오전|오후|[AaPp][Mm])\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"\s*(오전|오후|[AaPp][Mm])?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)
_TS_GROUPS = ("y", "mo", "d", "ampm1", "h", "mi", "s", "frac", "ampm2", "tz")
# The form most exports write (2026-03-01 14:05:00): a column whose first values all have it is read with this one
# format (`timestamp_text`), and only its values of another form with the general reading above.
PLAIN = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"
PLAIN_FORMAT = "%Y-%m-%d %H:%M:%S"
PLAIN_SAMPLE = 1000  # non-empty values looked at
# Where a text timestamp may end in a UTC offset (the general reading's tz group); no other value has one.
_MAY_HAVE_OFFSET = r"(Z|[+-]\d{2}:?\d{2})$"


def text(expr: pl.Expr) -> pl.Expr:
    """A string cell stripped of surrounding space, with the NULL_TOKENS as null."""
    s = expr.cast(pl.String).str.strip_chars()
    return pl.when(s.is_in(NULL_TOKENS)).then(None).otherwise(s)


def timestamp(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """Datetime (µs, no time zone) from a Datetime/Date column or from text; null where unreadable.

    Text forms: ``2026-03-01T14:05:00``, ``2026-03-01 14:05``, ``2026/03/01 14:05:00``,
    ``2026.03.01``, ``2026. 3. 1. 오후 2:05:00``, ``2026-03-01 2:05 PM``, each optionally with a UTC
    offset (``Z``, ``+09:00``, ``-0500``). A time with an offset is an instant: it is kept as the wall-clock
    time at the shown offset (`shown_offset_minutes`), so every duration is the true (UTC) duration; a time
    without one is kept as written.
    """
    if isinstance(dtype, pl.Datetime):
        if not dtype.time_zone:
            return expr.cast(pl.Datetime("us"))
        minutes = shown_offset_minutes(zone_offset_minutes(dtype.time_zone))
        return (expr.dt.convert_time_zone("UTC").dt.replace_time_zone(None).cast(pl.Datetime("us"))
                + pl.duration(minutes=minutes))
    if dtype == pl.Date:
        return expr.cast(pl.Datetime("us"))
    return timestamp_from_parts(timestamp_parts(expr))


def is_plain(series: pl.Series) -> bool:
    """Whether the first ``PLAIN_SAMPLE`` non-empty values of a text column are all ``YYYY-MM-DD hh:mm:ss``."""
    sample = pl.select(text(pl.lit(series))).to_series().drop_nulls().head(PLAIN_SAMPLE)
    return sample.len() > 0 and bool(sample.str.contains(PLAIN).all())


def timestamp_text(series: pl.Series) -> pl.Series:
    """`timestamp` of a text column, the same values, faster for the plain form: when `is_plain`, every value of that
    form is parsed with ``PLAIN_FORMAT`` (a value of that form reads the same either way) and only the others with
    the general reading."""
    if not is_plain(series):
        return _general(series)
    shown = pl.select(text(pl.lit(series))).to_series()
    plain = shown.str.contains(PLAIN).fill_null(False)
    parsed = pl.select(pl.when(plain).then(shown.str.to_datetime(PLAIN_FORMAT, time_unit="us", strict=False))
                       ).to_series()
    other = shown.is_not_null() & ~plain
    if other.any():
        parsed = parsed.scatter(other.arg_true(), _general(series.filter(other)))
    return parsed.rename(series.name)


def _general(series: pl.Series) -> pl.Series:
    """The general reading of a text column (every form `timestamp` reads)."""
    parts = pl.DataFrame({"parts": series}).select(timestamp_parts(pl.col("parts")).alias("parts"))
    return parts.select(timestamp_from_parts(pl.col("parts")).alias(series.name)).to_series()


def offset_values(series: pl.Series) -> pl.Series:
    """Minutes east of UTC of the text timestamps of a column that carry an offset (null for none, left out)."""
    shown = pl.select(text(pl.lit(series))).to_series()
    maybe = shown.filter(shown.str.contains(_MAY_HAVE_OFFSET).fill_null(False))
    parts = pl.DataFrame({"t": maybe}).select(timestamp_parts(pl.col("t")).struct.field("tz").alias("tz"))
    return parts.select(offset_minutes(pl.col("tz")).alias("m"))["m"].drop_nulls()


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
    wall = iso.str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us", strict=False) + pl.duration(microseconds=micros)
    # A time with an offset: to UTC, then to the shown offset (the setting, else the column's smallest offset).
    offset = offset_minutes(parts.struct.field("tz"))
    configured = display_offset_minutes()
    shown = pl.lit(configured) if configured is not None else offset.min()
    return pl.when(offset.is_null()).then(wall).otherwise(wall + pl.duration(minutes=shown - offset))


def offset_minutes(tz: pl.Expr) -> pl.Expr:
    """Minutes east of UTC of an offset written ``Z``, ``+09:00``, ``+0900`` or ``-05:00``; null for none."""
    digits = tz.str.replace(":", "")
    sign = pl.when(digits.str.starts_with("-")).then(-1).otherwise(1)
    minutes = (digits.str.slice(1, 2).cast(pl.Int32, strict=False) * 60
               + digits.str.slice(3, 2).cast(pl.Int32, strict=False))
    return pl.when(tz == "Z").then(0).when(tz.is_not_null()).then(sign * minutes).otherwise(None).cast(pl.Int32)


def zone_offset_minutes(zone: str) -> int:
    """A time zone's standard (no daylight-saving) offset in minutes east of UTC: its smaller offset of the year."""
    tz = ZoneInfo(zone)
    year = dt.datetime.now().year
    return min(int(dt.datetime(year, m, 1, tzinfo=tz).utcoffset().total_seconds() // 60) for m in (1, 7))


def display_offset_minutes() -> int | None:
    """The ``display_timezone`` setting as minutes east of UTC (a zone's standard offset), or None for the data's own.

    Accepts a zone name (``Asia/Seoul``, ``Europe/Amsterdam``, ``UTC``) or an offset (``+09:00``).
    """
    value = settings.get("display_timezone").strip()
    if not value:
        return None
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", value)
    if m:
        return (1 if m.group(1) == "+" else -1) * (int(m.group(2)) * 60 + int(m.group(3)))
    try:
        return zone_offset_minutes(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise DataError("setting_bad_timezone", value=value) from None


def shown_offset_minutes(data_minutes: int) -> int:
    """The offset times are shown at: the ``display_timezone`` setting, else the data's own."""
    configured = display_offset_minutes()
    return data_minutes if configured is None else configured


def offset_label(minutes: int) -> str:
    """``+09:00`` for 540, ``-05:30`` for -330, ``+00:00`` for 0."""
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


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


def extra(series: pl.Series) -> pl.Expr:
    """Another column, kept: text that is all plain numbers becomes numbers, other text stays text."""
    if series.dtype != pl.String:
        return pl.lit(series)
    as_text = text(pl.lit(series))
    if looks_numeric(series):
        as_float = series.str.strip_chars().cast(pl.Float64, strict=False)
        integral = bool((as_float.drop_nulls() == as_float.drop_nulls().round()).all())
        return as_text.cast(pl.Int64 if integral else pl.Float64, strict=False)
    return as_text
