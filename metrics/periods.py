"""Comparison periods: the window a KPI delta is measured over, and the window before it."""

from __future__ import annotations

import datetime as dt

LAST_DAYS = 30


def comparison_periods(since: dt.date | None, until: dt.date | None, first: dt.date, last: dt.date,
                       days: int = LAST_DAYS) -> dict:
    """Previous period = the window of equal length immediately before the current one (dates inclusive).

    With a date range the current window is since..until (a missing end is the data's ``first`` or
    ``last`` date); without one it is the last ``days`` days of data (ending on ``last``).

    Returns {"mode": "range" | "last_days", "days": length, "current": (since, until),
    "previous": (since, until)}.

    Example: since 2025-03-01, until 2025-03-10 → current 03-01..03-10 (10 days), previous 02-19..02-28.
    """
    if since is None and until is None:
        mode, start, end = "last_days", last - dt.timedelta(days=days - 1), last
    else:
        mode, start, end = "range", since or first, until or last
    length = (end - start).days + 1
    prev_end = start - dt.timedelta(days=1)
    return {
        "mode": mode,
        "days": length,
        "current": (start, end),
        "previous": (prev_end - dt.timedelta(days=length - 1), prev_end),
    }
