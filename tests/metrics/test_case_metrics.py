"""metrics.case_metrics: the loop's counts by hand, and recovery of detractors with and without a case."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from metrics.case_metrics import case_summary, recovery

T = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def _cases(rows):
    return pl.DataFrame(rows, schema={"status": pl.String, "due_date": pl.Date, "opened_at": pl.Datetime("us", "UTC"),
                                      "contacted_at": pl.Datetime("us", "UTC"),
                                      "closed_at": pl.Datetime("us", "UTC")}, orient="row")


def test_open_overdue_time_to_close_and_contact_within_the_deadline():
    due = dt.date(2026, 11, 15)
    c = _cases([
        ("open", due, T, None, None),                          # deadline passed, never contacted: late
        ("contacted", due, T, T + DAY, None),                  # contacted in time, still open
        ("resolved", due, T, T + 2 * DAY, T + 4 * DAY),        # 4 days to close
        ("unreachable", due, T, None, T + 10 * DAY),           # 10 days to close, never contacted
        ("resolved", due, T, T + 20 * DAY, T + 20 * DAY),      # contacted after the deadline; 20 days
        ("open", dt.date(2026, 12, 1), T, None, None),         # not yet due: not counted in the share
    ])
    s = case_summary(c, dt.date(2026, 11, 20))
    # overdue: not closed and past due, contacted or not (the deadline is for closing the case)
    assert (s["cases"], s["open"], s["overdue"], s["closed"]) == (6, 3, 2, 3)
    assert s["median_days_to_close"] == 10.0
    assert s["contacted_in_time_of"] == 5 and s["contacted_in_time"] == pytest.approx(40.0)  # 2 of 5


def test_a_case_due_today_is_not_overdue_yet():
    c = _cases([("open", dt.date(2026, 11, 20), T, None, None)])
    assert case_summary(c, dt.date(2026, 11, 20))["overdue"] == 0
    assert case_summary(c, dt.date(2026, 11, 21))["overdue"] == 1


def test_no_cases_give_zero_counts_and_no_shares():
    s = case_summary(_cases([]), dt.date(2026, 11, 20))
    assert (s["cases"], s["open"], s["median_days_to_close"], s["contacted_in_time"]) == (0, 0, None, None)


def test_recovery_counts_only_journeys_after_the_case_and_compares_the_groups():
    ts = lambda d: dt.datetime(2026, 1, d)  # noqa: E731
    j = pl.DataFrame({
        "customer_id": ["a", "a", "a", "b", "b", "b", "c", "c", "d"],
        "journey_id": ["a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "d1"],
        "first_ts": [ts(1), ts(3), ts(5), ts(1), ts(3), ts(5), ts(1), ts(3), ts(1)],
        "last_ts": [ts(2), ts(4), ts(6), ts(2), ts(4), ts(6), ts(2), ts(4), ts(2)],
        # a: detractor a1 → later 9 (a2) and 3 (a3); b: 9 first, case on detractor b2 → later b3 10;
        # c: detractor without a case → later 10; d: promoter only, in no group
        "nps": [2, 9, 3, 9, 5, 10, 4, 10, 10],
    })
    table, test = recovery(j, ["a1", "b2"])
    rows = {r["group"]: r for r in table.iter_rows(named=True)}
    assert (rows["with_case"]["customers"], rows["with_case"]["responses"], rows["with_case"]["promoters"],
            rows["with_case"]["detractors"]) == (2, 3, 2, 1)  # a2 9, a3 3, b3 10 (b1 is before the case)
    assert rows["with_case"]["nps"] == pytest.approx(100 * (2 - 1) / 3)
    assert (rows["without_case"]["customers"], rows["without_case"]["responses"], rows["without_case"]["nps"]) == \
        (1, 1, 100.0)
    assert test.delta == pytest.approx(100 * (2 - 1) / 3 - 100.0)


def test_recovery_without_cases_has_an_empty_with_case_group_and_no_test():
    j = pl.DataFrame({"customer_id": ["a", "a"], "journey_id": ["a1", "a2"],
                      "first_ts": [dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 3)],
                      "last_ts": [dt.datetime(2026, 1, 2), dt.datetime(2026, 1, 4)], "nps": [2, 9]})
    table, test = recovery(j, [])
    assert table.filter(pl.col("group") == "with_case").select("customers", "responses").row(0) == (0, 0)
    assert test.p_value is None and test.delta is None
