"""What a column's values are, whatever its header says: dates and times, or free text (comments)."""

from __future__ import annotations

import polars as pl

from ingest import values

DATE_SHARE = 0.9  # share of a column's non-empty cells that must read as dates and times
# Free text: most cells distinct, with words (a space or a Hangul syllable) and longer than a name or a code.
TEXT_DISTINCT_SHARE = 0.5
TEXT_WORDY_SHARE = 0.5
TEXT_MIN_MEAN_CHARS = 6
TEXT_MIN_CELLS = 3


def _cells(series: pl.Series) -> pl.Series:
    return pl.select(values.text(pl.lit(series))).to_series().drop_nulls()


def is_dates(series: pl.Series) -> bool:
    """A Date/Datetime column, or text whose non-empty cells (at least 90%) read as dates and times."""
    if isinstance(series.dtype, pl.Datetime) or series.dtype == pl.Date:
        return True
    if series.dtype != pl.String:
        return False
    text = _cells(series)
    if text.len() == 0 or values.looks_numeric(text):
        return False
    parsed = pl.select(values.timestamp(pl.lit(text), pl.String)).to_series()
    return parsed.is_not_null().sum() >= DATE_SHARE * text.len()


def is_free_text(series: pl.Series) -> bool:
    """Text written by people: at least 3 non-empty cells, half of them distinct, half with a space or Hangul, and
    6 characters long on average (a name, a code, a category or a date is not free text)."""
    if series.dtype != pl.String:
        return False
    text = _cells(series)
    if text.len() < TEXT_MIN_CELLS or values.looks_numeric(text) or is_dates(series):
        return False
    wordy = text.str.contains(r"\s|[\uac00-\ud7a3]").mean()
    return (text.n_unique() >= TEXT_DISTINCT_SHARE * text.len() and wordy >= TEXT_WORDY_SHARE
            and text.str.len_chars().mean() >= TEXT_MIN_MEAN_CHARS)
