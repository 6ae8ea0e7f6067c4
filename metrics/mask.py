"""Personal data in free text (phone numbers, e-mail addresses, 주민등록번호) masked before it is shown.

A small stand-in until the voice-of-customer masking (metrics/voc.py) lands; pure functions only.
"""

from __future__ import annotations

import re

import polars as pl

# 주민등록번호: 6 birth-date digits, a hyphen (or space, or nothing), 7 digits starting 1-8.
_RRN = re.compile(r"(?<!\d)\d{6}[- ]?[1-8]\d{6}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Korean mobile and landline numbers, with or without +82, separated by hyphens, dots or spaces.
_PHONE = re.compile(r"(?<![\d\w])(?:\+82[-. ]?(?:0?1[016789]|0?[2-6]\d?)|01[016789]|0[2-6]\d?)[-. )]?\d{3,4}[-. ]?\d{4}(?!\d)")


def _stars(match: re.Match) -> str:
    return re.sub(r"\d", "*", match.group(0))


def mask_personal(text: str | None) -> str | None:
    """``text`` with every phone number and 주민등록번호 turned to stars digit by digit (separators kept) and
    every e-mail address replaced by ``***@***``; None stays None.

    Example
    -------
    >>> mask_personal("연락처 010-1234-5678, kim@example.co.kr")
    '연락처 ***-****-****, ***@***'
    """
    if text is None:
        return None
    text = _RRN.sub(_stars, text)
    text = _EMAIL.sub("***@***", text)
    return _PHONE.sub(_stars, text)


def mask_column(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """``frame`` with ``column`` (text) passed through ``mask_personal``."""
    if column not in frame.columns:
        return frame
    return frame.with_columns(pl.col(column).map_elements(mask_personal, return_dtype=pl.String))
