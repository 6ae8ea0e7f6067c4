"""Every table the project exports (CSV and Parquet downloads, report.py's CSV files) goes through here: personal
data masked in every free-text column, and CSV written safely for spreadsheets.

Pure: frames in, bytes out; the callers write the bytes where they belong.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import polars as pl

from metrics.text import mask_expr

# Columns that identify a journey or a customer: the data's own keys, exported as they are so a list can be joined
# back to the customer records (every other text column is masked).
IDENTIFIERS = ("journey_id", "customer_id", "representative")

# A cell a spreadsheet would read as a formula or a command: one starting with = + - @ or their full-width forms,
# after any whitespace, or with a tab, carriage return or line feed (DDE and CSV-injection leads).
_FORMULA_LEAD = r"^\s*[=+\-@＝＋－＠]|^[\t\r\n]"


def masked(frame: pl.DataFrame, identifiers: Iterable[str] = IDENTIFIERS) -> pl.DataFrame:
    """``frame`` with personal data masked (metrics.text.mask) in every text column but the ``identifiers``."""
    keep = set(identifiers)
    text = [c for c, dtype in frame.schema.items() if dtype == pl.String and c not in keep]
    return frame.with_columns(mask_expr(c).alias(c) for c in text) if text else frame


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each text cell that a spreadsheet would run as a formula prefixed with ``'``."""
    text = [c for c, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_FORMULA_LEAD)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text)


def csv_bytes(frame: pl.DataFrame, identifiers: Iterable[str] = IDENTIFIERS) -> bytes:
    """The frame as UTF-8 CSV with a byte order mark (Excel then reads Korean), personal data masked in its text
    columns but the ``identifiers``, and every text cell that would start a formula prefixed with ``'`` (identifiers
    too: a customer id ``=HYPERLINK(…)`` is text, not a formula).

    Example
    -------
    >>> csv_bytes(pl.DataFrame({"customer_id": ["=1+1"], "comment": ["010-1234-5678 연락"]})).decode("utf-8-sig")
    "customer_id,comment\\n'=1+1,***-****-**** 연락\\n"
    """
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    neutralised(masked(frame, identifiers)).write_csv(buffer)
    return buffer.getvalue()


def parquet_bytes(frame: pl.DataFrame, identifiers: Iterable[str] = IDENTIFIERS) -> bytes:
    """The frame as Parquet (zstd), personal data masked in its text columns but the ``identifiers``."""
    buffer = io.BytesIO()
    masked(frame, identifiers).write_parquet(buffer, compression="zstd")
    return buffer.getvalue()
