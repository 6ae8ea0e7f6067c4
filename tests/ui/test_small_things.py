"""Small things that misled a reader: an episode's hours on its time axis in Korean, the funnel note's place."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl

from i18n import t
from ui import layout
from ui.charts import journey_map


def test_an_axis_with_its_own_time_format_keeps_its_hours_in_korean():
    start = dt.datetime(2025, 3, 1, 9)
    figure = go.Figure(go.Scatter(x=[start + dt.timedelta(hours=h) for h in range(6)], y=list(range(6))))
    figure.update_xaxes(tickformat="%m-%d %H:%M")
    localised = layout.localise(figure, "ko")
    assert localised.layout.xaxis.tickformat == "%m-%d %H:%M"
    assert not localised.layout.xaxis.tickformatstops  # a day-only format would repeat the date under every hour


def test_a_date_axis_without_its_own_format_gets_korean_dates():
    figure = go.Figure(go.Scatter(x=[dt.date(2025, 1, 6), dt.date(2025, 1, 13)], y=[1, 2]))
    assert layout.localise(figure, "ko").layout.xaxis.tickformatstops[2].value == "%Y년 %-m월"


def test_the_funnel_note_says_the_numbers_are_above_the_bars_where_the_chart_writes_them():
    frame = pl.DataFrame({"stage": ["a", "b"], "journeys": [100, 60], "reach_pct": [100.0, 60.0],
                          "drop_off_pct": [None, 40.0], "optional": [False, False]})
    assert journey_map.funnel(frame, 30).data[0].textposition == "outside"  # above a vertical bar
    assert t("funnel_note", "en", stages="x").startswith("Above each bar")
    assert t("funnel_note", "ko", stages="x").startswith("막대 위")
