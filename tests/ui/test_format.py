import json

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from ui import format as fmt

WORDS = {"hours": "{n} h", "days": "{n} d"}


def test_thousands_separates_and_says_missing_for_none():
    assert fmt.thousands(7597) == "7,597"
    assert fmt.thousands(1234567.891, 1) == "1,234,567.9"
    assert fmt.thousands(None) == "—"
    assert fmt.thousands(float("nan")) == "—"


@pytest.mark.parametrize(("p", "shown"), [(2.02e-207, "< 0.001"), (0.0000178, "< 0.001"), (0.000999, "< 0.001"),
                                           (0.001, "0.001"), (0.0123, "0.012"), (0.5, "0.500"), (1.0, "1.000"),
                                           (None, "—")])
def test_p_values_below_one_in_a_thousand_read_as_less_than(p, shown):
    assert fmt.p_value(p) == shown


def test_a_change_that_rounds_to_zero_has_no_sign():
    assert fmt.signed(-0.04) == "0.0"
    assert fmt.signed(0.04, 0, " %") == "0 %"
    assert fmt.signed(-0.4, 0, " %") == "0 %"
    assert fmt.signed(-2.0) == "\u22122.0"
    assert fmt.signed(35.2, 0, " %") == "+35 %"
    assert fmt.signed(None) == "—"


def test_durations_switch_to_days_beyond_48_hours():
    assert fmt.duration(36.54, WORDS) == "36.5 h"
    assert fmt.duration(48.0, WORDS) == "48.0 h"
    assert fmt.duration(49.0, WORDS) == "2.0 d"
    assert fmt.duration(74.4, WORDS) == "3.1 d"
    assert fmt.duration(None, WORDS) == "—"


def test_a_table_unit_follows_the_median_of_what_it_shows():
    assert fmt.duration_unit([1.0, 2.0, 200.0]) == "hours"
    assert fmt.duration_unit([10.0, 60.0, 70.0, None]) == "days"
    assert fmt.duration_unit([40.0, 60.0]) == "days"  # median 50 h
    assert fmt.duration_unit([]) == "hours"
    assert fmt.duration_unit([0.5, 115.0, 120.0]) == "hours"  # in days the short one would read 0.0
    assert fmt.in_unit(72.0, "days") == 3.0 and fmt.in_unit(72.0, "hours") == 72.0


@pytest.mark.parametrize(("given", "dtype", "made"), [
    (None, pl.Int64, "%,d"), (None, pl.UInt32, "%,d"), (None, pl.Float64, None), ("%.1f", pl.Float64, "%,.1f"),
    ("%+.2f", pl.Float64, "%+,.2f"), ("%,.1f", pl.Float64, "%,.1f"), ("%.0f", pl.Float64, "%,.0f"),
    ("%.1f %%", pl.Float64, "%,.1f %%"), ("localized", pl.Float64, "localized"),
])
def test_table_formats_gain_a_thousands_separator(given, dtype, made):
    assert fmt.printf(given, dtype) == made


def test_p_value_columns_become_text():
    frame = pl.DataFrame({"stage": ["가입", "이용", "탐색"], "p_value": [2.02e-207, 0.0312, None],
                          "q_value": [0.0000178, 0.2, 0.9]})
    shown = fmt.p_columns(frame)
    assert shown["p_value"].to_list() == ["< 0.001", "0.031", "—"]
    assert shown["q_value"].to_list() == ["< 0.001", "0.200", "0.900"]
    assert shown["stage"].to_list() == frame["stage"].to_list()


def _table_app():
    import polars as pl

    from ui import layout

    frame = pl.DataFrame({"touchpoint": ["본인인증", None], "events": [7597, 12], "csat": [71.25, None],
                          "p_value": [2.02e-207, 0.2]})
    layout.table(frame, "t.csv", labels={"events": "Events", "p_value": "p"}, formats={"csat": "%.1f"},
                 column_order=["csat"])


def test_a_table_shows_separators_p_values_as_text_and_a_dash_for_missing_cells():
    at = AppTest.from_function(_table_app).run(timeout=60)
    assert not at.exception
    proto = at.dataframe[0].proto
    config = json.loads(proto.columns)
    assert config["Events"]["type_config"]["format"] == "%,d"
    assert config["csat"]["type_config"]["format"] == "%,.1f"
    assert proto.placeholder == "—"
    assert list(proto.column_order) == ["csat", "touchpoint", "Events", "p"]
    assert at.dataframe[0].value["p"].tolist() == ["< 0.001", "0.200"]


def test_a_duration_card_keeps_one_unit_for_value_change_and_target():
    from ui.cards import delta

    value, change = fmt.duration_formats(82.0, WORDS)
    assert value.format(82.0) == "3.4 d" and value.format(72.0) == "3.0 d"
    assert delta(9.8, change, higher_is_better=False).text == "+0.4 d"
    assert delta(0.5, change, higher_is_better=False).text == "0.0 d"  # rounds to zero: no sign
    value, change = fmt.duration_formats(36.0, WORDS)
    assert value.format(36.0) == "36.0 h" and change.format(-2.5) == "-2.5 h"
    assert fmt.duration_formats(None, WORDS)[0].format(5.0) == "5.0 h"


def _duration_table_app():
    import polars as pl

    from ui import layout

    layout.table(pl.DataFrame({"stage": ["가입", "이용"], "median_hours": [60.0, 96.0], "p90_hours": [120.0, None]}),
                 "d.csv", labels={"median_hours": "Median (h)", "p90_hours": "p90 (h)"}, formats={"median_hours": "%.1f"})
    layout.table(pl.DataFrame({"stage": ["가입", "이용"], "median_hours": [12.0, 16.0], "p90_hours": [90.0, 100.0]}),
                 "h.csv", labels={"median_hours": "Median (h)", "p90_hours": "p90 (h)"}, formats={"median_hours": "%.1f"})
    layout.table(pl.DataFrame({"stage": ["가입", "이용"], "median_hours": [0.5, 16.0], "p90_hours": [90.0, 100.0]}),
                 "t.csv", labels={"median_hours": "Median (h)", "p90_hours": "p90 (h)"}, formats={"median_hours": "%.1f"})
    layout.table(pl.DataFrame({"stage": ["가입", "이용"], "median_hours": [12.0, 16.0], "p90_hours": [30.0, 40.0]}),
                 "s.csv", labels={"median_hours": "Median (h)", "p90_hours": "p90 (h)"})


def test_a_table_of_long_durations_is_in_days_and_of_short_ones_in_hours():
    at = AppTest.from_function(_duration_table_app).run(timeout=60)
    days, mixed, tiny, short = (frame.value for frame in at.dataframe)
    assert list(days.columns) == ["stage", "Median (d)", "p90 (d)"]
    assert days["Median (d)"].tolist() == [2.5, 4.0] and days["p90 (d)"].tolist()[0] == 5.0
    # one unit per table, the larger values' (p90 in days): never a median in hours beside a p90 in days
    assert list(mixed.columns) == ["stage", "Median (d)", "p90 (d)"]
    assert mixed["Median (d)"].tolist() == pytest.approx([0.5, 16 / 24])
    assert mixed["p90 (d)"].tolist() == pytest.approx([3.75, 100 / 24])
    assert list(short.columns) == ["stage", "Median (h)", "p90 (h)"] and short["p90 (h)"].tolist() == [30.0, 40.0]
    config = [json.loads(frame.proto.columns) for frame in at.dataframe]
    assert config[0]["Median (d)"]["type_config"]["format"] == "%,.1f"
    assert tiny["Median (d)"].tolist() == pytest.approx([0.5 / 24, 16 / 24])
    assert config[2]["Median (d)"]["type_config"]["format"] == "%,.2f"  # 30 min would read 0.0 d at one decimal
    # under a day, one decimal moves in steps of 2.4 h: 13.4 h and 14.2 h would both read 0.6 d
    assert config[1]["Median (d)"]["type_config"]["format"] == "%,.2f"


def test_durations_shown_together_share_the_unit_of_the_larger_ones():
    assert fmt.shared_unit([12.0, 16.0], [90.0, 100.0]) == "days"
    assert fmt.shared_unit([12.0, 16.0], [30.0, 40.0]) == "hours"
    assert fmt.shared_unit([], [None]) == "hours"
    assert fmt.duration_in(0.5, "days", WORDS) == "< 0.1 d" and fmt.duration_in(0.0, "days", WORDS) == "0.0 d"
    assert fmt.duration_in(36.0, "days", WORDS) == "1.5 d" and fmt.duration_in(None, "hours", WORDS) == "—"


def test_chart_numbers_never_read_minus_zero():
    assert fmt.number(-0.04, ".1f") == "0.0"
    assert fmt.number(-0.4, ".0f") == "0"
    assert fmt.number(-0.05, ".2f") == "-0.05"
    assert fmt.number(-12.3, ".1f") == "-12.3"
    assert fmt.number(1234.5, ",.0f") == "1,234"  # banker's rounding of .5 is format()'s own
    assert fmt.number(None) == "–"


def test_group_bars_label_a_value_that_rounds_to_zero_without_a_sign():
    from ui.charts.channels import group_bars

    frame = pl.DataFrame({"handoff_group": ["0", "1"], "nps": [-0.04, -7.25], "responses": [100, 100]})
    assert list(group_bars(frame, "handoff_group", "nps", "responses", "NPS", 30).data[0].text) == ["0.0", "-7.2"]
