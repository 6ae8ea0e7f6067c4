"""NPS/CSAT per period: intervals, tested changes, gaps, and STL anomaly flags only with enough periods."""

import datetime as dt
import math

import polars as pl

from metrics.confidence import nps_interval
from metrics.significance import nps_change
from metrics.trend import trend


def nps_counts(period, rows):
    """rows: (date, promoters, passives, detractors) → the count frame journey_counts returns."""
    out = []
    for day, p, m, d in rows:
        out += [(day, 10, p), (day, 8, m), (day, 2, d)]
    return pl.DataFrame(out, schema={period: pl.Date, "nps": pl.Int64, "n": pl.Int64}, orient="row")


def test_monthly_nps_has_the_interval_and_a_tested_change():
    counts = nps_counts("month", [(dt.date(2025, 1, 1), 40, 0, 10), (dt.date(2025, 2, 1), 10, 0, 40)])
    t = trend(counts, "month")
    first, second = t.table.to_dicts()
    assert (first["period"], first["responses"], first["nps"]) == (dt.date(2025, 1, 1), 50, 60.0)
    low, high = nps_interval(40, 10, 50)
    assert math.isclose(first["nps_low"], low) and math.isclose(first["nps_high"], high)
    assert first["delta"] is None and first["significant_change"] is None
    expected = nps_change({"promoters": 10, "detractors": 40, "responses": 50},
                          {"promoters": 40, "detractors": 10, "responses": 50})
    assert math.isclose(second["delta"], -120.0) and math.isclose(second["p_value"], expected.p_value)
    assert second["significant_change"] is True and second["small_sample"] is False


def test_a_change_between_small_periods_is_never_called_significant():
    counts = nps_counts("month", [(dt.date(2025, 1, 1), 9, 0, 1), (dt.date(2025, 2, 1), 1, 0, 9)])
    second = trend(counts, "month", min_sample=30).table.row(1, named=True)
    assert second["p_value"] < 0.05
    assert second["significant_change"] is False and second["small_sample"] is True


def test_months_without_answers_appear_with_zero_responses():
    counts = nps_counts("month", [(dt.date(2025, 1, 1), 5, 0, 5), (dt.date(2025, 3, 1), 5, 0, 5)])
    table = trend(counts, "month").table
    assert table["period"].to_list() == [dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)]
    assert table["responses"].to_list() == [10, 0, 10]
    assert table["nps"].to_list() == [0.0, None, 0.0]
    assert table["significant_change"].to_list() == [None, None, None]


def test_a_short_series_gets_no_anomaly_flags_and_a_reason():
    months = [(dt.date(2025, m, 1), 50, 30, 20) for m in range(1, 13)]
    t = trend(nps_counts("month", months), "month")
    assert t.table["anomaly"].to_list() == [False] * 12
    assert t.anomaly_reason == "anomalies need at least 24 months of data; this selection has 12"


def test_a_spike_week_is_flagged_and_ordinary_weeks_are_not():
    start = dt.date(2025, 1, 6)
    weeks = []
    for i in range(30):
        promoters = 60 + (i * 7) % 5 - 2  # 58..62 of 200: ordinary week-to-week noise
        if i == 20:
            promoters = 140  # a planted anomaly: NPS jumps by about 40 points
        weeks.append((start + dt.timedelta(weeks=i), promoters, 200 - promoters - 60, 60))
    t = trend(nps_counts("week", weeks), "week")
    assert t.anomaly_reason is None
    flagged = t.table.filter("anomaly")["period"].to_list()
    assert flagged == [start + dt.timedelta(weeks=20)]


def test_csat_trend_uses_wilson_intervals_and_never_nan():
    counts = pl.DataFrame({"week": [dt.date(2025, 1, 6)] * 2 + [dt.date(2025, 1, 13)] * 2,
                           "satisfaction": [5.0, 2.0, 4.0, 1.0], "n": [30, 10, 20, 20]})
    table = trend(counts, "week", "csat").table
    assert table["csat"].to_list() == [75.0, 50.0]
    assert table["responses"].to_list() == [40, 40]
    assert all(v is None or not math.isnan(v) for c in ("csat_low", "csat_high", "p_value")
               for v in table[c].to_list())
    assert table["significant_change"].to_list() == [None, True]


def test_an_empty_selection_gives_an_empty_trend():
    empty = pl.DataFrame(schema={"month": pl.Date, "nps": pl.Int64, "n": pl.Int64})
    t = trend(empty, "month")
    assert t.table.height == 0
