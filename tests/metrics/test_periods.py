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


def test_period_windows_compare_each_choice_with_the_stated_window():
    import datetime as dt

    from metrics.periods import period_windows

    d = dt.date
    first, last = d(2024, 1, 1), d(2025, 12, 31)
    w = period_windows("last_30", None, d(2025, 11, 15), first, last)
    assert (w["current"], w["previous"], w["days"]) == ((d(2025, 10, 17), d(2025, 11, 15)),
                                                        (d(2025, 9, 17), d(2025, 10, 16)), 30)
    w = period_windows("last_90", None, None, first, last)
    assert w["current"] == (d(2025, 10, 3), last) and w["previous"] == (d(2025, 7, 5), d(2025, 10, 2))
    # quarter to date against the same days of the previous quarter, across a year end
    w = period_windows("quarter", None, d(2025, 2, 28), first, last)
    assert w["current"] == (d(2025, 1, 1), d(2025, 2, 28)) and w["previous"] == (d(2024, 10, 1), d(2024, 11, 28))
    # ... never past the previous quarter's last day
    w = period_windows("quarter", None, d(2025, 12, 31), first, last)
    assert w["previous"] == (d(2025, 7, 1), d(2025, 9, 30))
    w = period_windows("ytd", None, d(2024, 2, 29), first, last)
    assert w["current"] == (d(2024, 1, 1), d(2024, 2, 29)) and w["previous"] == (d(2023, 1, 1), d(2023, 2, 28))
    w = period_windows("custom", d(2025, 3, 1), d(2025, 3, 10), first, last)
    assert w["current"] == (d(2025, 3, 1), d(2025, 3, 10)) and w["previous"] == (d(2025, 2, 19), d(2025, 2, 28))
    w = period_windows("custom", None, None, first, last)  # the whole data: compared with the time before it
    assert w["current"] == (first, last) and w["previous"][1] == d(2023, 12, 31)
