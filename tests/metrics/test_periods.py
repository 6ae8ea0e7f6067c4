import datetime as dt

from metrics.periods import comparison_periods

D = dt.date


def test_previous_period_is_the_equal_length_window_just_before_the_range():
    p = comparison_periods(D(2025, 3, 1), D(2025, 3, 10), D(2025, 1, 1), D(2025, 12, 31))
    assert p == {"mode": "range", "days": 10, "current": (D(2025, 3, 1), D(2025, 3, 10)),
                 "previous": (D(2025, 2, 19), D(2025, 2, 28))}


def test_without_a_date_range_the_last_30_days_of_data_are_compared_with_the_30_before():
    p = comparison_periods(None, None, D(2025, 1, 1), D(2025, 12, 31))
    assert p == {"mode": "last_days", "days": 30, "current": (D(2025, 12, 2), D(2025, 12, 31)),
                 "previous": (D(2025, 11, 2), D(2025, 12, 1))}


def test_an_open_ended_range_runs_to_the_last_date_of_the_data():
    p = comparison_periods(D(2025, 12, 30), None, D(2025, 1, 1), D(2025, 12, 31))
    assert p["current"] == (D(2025, 12, 30), D(2025, 12, 31))
    assert p["previous"] == (D(2025, 12, 28), D(2025, 12, 29))


def test_a_single_day_is_compared_with_the_day_before():
    p = comparison_periods(D(2025, 5, 5), D(2025, 5, 5), D(2025, 1, 1), D(2025, 12, 31))
    assert p["days"] == 1 and p["previous"] == (D(2025, 5, 4), D(2025, 5, 4))
