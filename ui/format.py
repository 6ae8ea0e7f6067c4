"""How numbers read on every page: thousands separators, p-values, durations, signed changes (no Streamlit here).

One place decides how a kind of number is written, so a table, a card, a chart and a sentence agree:

- counts and table numbers carry thousands separators (7,597);
- a p-value is ``< 0.001`` below 0.001, else three decimals (never ``2.02e-207`` or ``0.0000178``);
- a duration is in hours up to ``DAYS_FROM_HOURS`` (48 h) and in days beyond it, the same way everywhere:
  a card or sentence picks the unit from its own value, a table or chart from the median of what it shows;
- a signed change that rounds to zero is written without a sign (never ``−0 %`` or ``+0.0``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

import polars as pl

from i18n import t

DAYS_FROM_HOURS = 48.0
P_FLOOR = 0.001
MISSING = "—"
# printf flags of Streamlit's sprintf-js: sign, padding, alignment, then the thousands separator.
_PRINTF = re.compile(r"^(?P<prefix>[^%]*)%(?P<flags>[+]?(?:0|'.)?-?)(?P<sep>[,_]?)(?P<rest>\d*(?:\.\d+)?[dieEfFgGu])")
P_COLUMNS = ("p_value", "q_value")


def thousands(value: float | int | None, decimals: int = 0) -> str:
    """``value`` with thousands separators and ``decimals`` decimals (``7597`` → ``7,597``); None → ``—``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return f"{value:,.{decimals}f}"


def p_value(p: float | None) -> str:
    """A p-value as a reader wants it: ``< 0.001`` below 0.001, else three decimals; None → ``—``."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return MISSING
    if p < P_FLOOR:
        return f"< {P_FLOOR}"
    return f"{p:.3f}"


def signed(change: float | None, decimals: int = 1, suffix: str = "") -> str:
    """``change`` with its sign (``+3.5``, ``−2.0``); one that rounds to zero is ``0.0`` without a sign."""
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return MISSING
    rounded = round(change, decimals)
    if rounded == 0:
        return f"{0:.{decimals}f}{suffix}"
    return f"{rounded:+,.{decimals}f}".replace("-", "\u2212") + suffix


def duration_unit(hours: Iterable[float | None]) -> str:
    """``"days"`` when the median of ``hours`` (nulls left out) exceeds 48 hours and none of them would read
    ``0.0`` days (under 1.2 hours), else ``"hours"``."""
    values = sorted(h for h in hours if h is not None and not math.isnan(h))
    if not values or values[0] < 1.2:
        return "hours"
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return "days" if median > DAYS_FROM_HOURS else "hours"


def shared_unit(*columns: Iterable[float | None]) -> str:
    """One unit for durations shown together (a table's columns, a hover's quantiles): ``"days"`` when any of
    ``columns`` by itself would be in days (``duration_unit``: the larger values decide), else ``"hours"``."""
    return "days" if any(duration_unit(c) == "days" for c in columns) else "hours"


def in_unit(hours: float | None, unit: str) -> float | None:
    """``hours`` expressed in ``unit`` (``"hours"`` or ``"days"``)."""
    if hours is None:
        return None
    return hours / 24 if unit == "days" else hours


def duration_in(hours: float | None, unit: str, words: Mapping[str, str], decimals: int = 1) -> str:
    """``hours`` in ``unit`` with ``decimals`` decimals; a positive one that would read 0.0 reads ``< 0.1``."""
    if hours is None or (isinstance(hours, float) and math.isnan(hours)):
        return MISSING
    value, smallest = in_unit(hours, unit), 10 ** -decimals
    if 0 < value < smallest / 2:
        return words[unit].format(n=f"< {smallest:.{decimals}f}")
    return words[unit].format(n=thousands(value, decimals))


def duration(hours: float | None, words: Mapping[str, str], decimals: int = 1) -> str:
    """A duration in the unit its size calls for: ``words["hours"]``/``words["days"]`` hold ``{n}``
    (e.g. ``"{n} h"``, ``"{n}일"``); more than 48 hours is given in days."""
    if hours is None or (isinstance(hours, float) and math.isnan(hours)):
        return MISSING
    unit = "days" if hours > DAYS_FROM_HOURS else "hours"
    return words[unit].format(n=thousands(in_unit(hours, unit), decimals))


def printf(fmt: str | None, dtype: pl.DataType) -> str | None:
    """The Streamlit column format for ``fmt`` (printf) with a thousands separator added; an integer
    column without a format gets ``%,d``; other named formats are kept as they are."""
    if fmt is None:
        return "%,d" if dtype.is_integer() else None
    match = _PRINTF.match(fmt)
    if match is None or match["sep"]:
        return fmt
    return f"{match['prefix']}%{match['flags']},{match['rest']}{fmt[match.end():]}"


def p_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with its p-value columns (``p_value``, ``q_value``) written as ``p_value`` writes them."""
    return frame.with_columns(
        pl.col(c).map_elements(p_value, return_dtype=pl.String, skip_nulls=False).alias(c)
        for c in P_COLUMNS if c in frame.columns and frame.schema[c].is_numeric()
    )


class UnitFormat:
    """A ``str.format``-like template for hours shown in another unit: ``UnitFormat("{:.1f} d", 24).format(72)``
    is ``"3.0 d"`` (what a KPI card's value, change and target formats are asked for)."""

    def __init__(self, template: str, hours_per_unit: float) -> None:
        self.template, self.hours_per_unit = template, hours_per_unit

    def format(self, hours: float) -> str:
        return self.template.format(hours / self.hours_per_unit)


def duration_formats(hours: float | None, words: Mapping[str, str]) -> tuple[UnitFormat, UnitFormat]:
    """The value and change formats of a duration card: days when ``hours`` exceeds 48, else hours; ``words`` as
    in ``duration`` (``{n}`` is replaced by the number's format), so a card's value, change and target share a unit."""
    unit = "days" if hours is not None and hours > DAYS_FROM_HOURS else "hours"
    per = 24.0 if unit == "days" else 1.0
    return (UnitFormat(words[unit].replace("{n}", "{:,.1f}"), per), UnitFormat(words[unit].replace("{n}", "{:+,.1f}"), per))


def duration_words(lang: str | None = None) -> dict[str, str]:
    """``{"hours": "{n} h", "days": "{n} d"}`` in ``lang`` (the UI language by default)."""

    return {"hours": t("unit_h", lang=lang), "days": t("unit_d", lang=lang)}


def number(value: float | int | None, spec: str = ".1f") -> str:
    """``format(value, spec)`` for a chart label, never ``-0.0``: a negative value that rounds to zero loses its
    sign; None → ``–``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = format(value, spec)
    if text.startswith("-") and not any(c in "123456789" for c in text):
        return text[1:]
    return text
