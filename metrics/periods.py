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


PERIOD_CHOICES = ("last_30", "last_90", "quarter", "ytd", "custom")
STALE_AFTER_DAYS = 7  # data ending more days before today than this is said to end long before today


def days_behind(last: dt.date, today: dt.date, allowed: int = STALE_AFTER_DAYS) -> int | None:
    """How many days before ``today`` the data ends (its ``last`` date), when that is more than ``allowed``; else
    None. "The last 30 days" are the last 30 days of the data: a file ending long ago must say so.

    >>> days_behind(dt.date(2025, 12, 31), dt.date(2026, 12, 5))
    339
    >>> days_behind(dt.date(2026, 12, 1), dt.date(2026, 12, 5)) is None
    True
    """
    behind = (today - last).days
    return behind if behind > allowed else None


def period_windows(choice: str, since: dt.date | None, until: dt.date | None, first: dt.date, last: dt.date
                   ) -> dict:
    """The current window of a period ``choice`` and the window it is compared with (dates inclusive).

    The periods end on the selection's end: ``until`` when given, else the data's ``last`` date.

    - ``last_30`` / ``last_90``: the 30 / 90 days ending there; previous = the as many days before;
    - ``quarter``: the quarter to date (its first day to the end); previous = the same days of the
      previous quarter (from its first day, as many days, at most to its last day);
    - ``ytd``: the year to date; previous = the same dates a year earlier (29 Feb → 28 Feb);
    - ``custom``: ``since``..``until`` (a missing end is ``first`` / ``last``); previous = the window
      of equal length immediately before (``comparison_periods``).

    Returns {"choice", "days" (current length), "current": (since, until), "previous": (since, until)}.

    Example: quarter ending 2025-11-15 → current 2025-10-01..2025-11-15, previous 2025-07-01..2025-08-15.
    """
    if choice not in PERIOD_CHOICES:
        raise ValueError(f"unknown period {choice!r}; one of {PERIOD_CHOICES}")
    end = until or last
    if choice == "custom":
        p = comparison_periods(since or first, until or last, first, last)
        current, previous = p["current"], p["previous"]
    elif choice in ("last_30", "last_90"):
        days = 30 if choice == "last_30" else 90
        current = (end - dt.timedelta(days=days - 1), end)
        previous = (end - dt.timedelta(days=2 * days - 1), end - dt.timedelta(days=days))
    elif choice == "quarter":
        start = dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
        prev_start = dt.date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)
        prev_last = start - dt.timedelta(days=1)
        current = (start, end)
        previous = (prev_start, min(prev_start + (end - start), prev_last))
    else:
        current = (dt.date(end.year, 1, 1), end)
        previous = (dt.date(end.year - 1, 1, 1), _year_earlier(end))
    return {"choice": choice, "days": (current[1] - current[0]).days + 1, "current": current, "previous": previous}


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
