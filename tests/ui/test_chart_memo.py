"""Figures kept per builder, arguments and language (ui.charts.memo): the same figure as a fresh build, never shared."""

from __future__ import annotations

import datetime as dt
import json

import plotly.io as pio
import polars as pl
import pytest

from ui import layout
from ui.charts import channels as channel_charts
from ui.charts import journey_map as journey_map_charts
from ui.charts import memo
from ui.charts import nps as nps_charts


@pytest.fixture(autouse=True)
def empty_cache():
    memo.clear()
    yield
    memo.clear()


def _json(fig) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


SCORES = pl.DataFrame({"channel": ["앱", "웹", "콜센터"], "nps": [12.5, -4.0, None], "responses": [80, 9, 0]})
WEEKS = [dt.date(2026, 1, 5) + dt.timedelta(weeks=i) for i in range(6)]
WEEKLY = pl.DataFrame({"week": WEEKS, "responses": [40, 41, 12, 50, 44, 39], "nps": [10.0, 12.0, -5.0, 8.0, 9.5, 11.0],
                       "detractors": [10, 9, 5, 12, 10, 9], "passives": [10, 11, 3, 13, 12, 10],
                       "promoters": [20, 21, 4, 25, 22, 20]})
BAND = pl.DataFrame({"period": WEEKS, "nps": WEEKLY["nps"], "nps_low": [0.0, 2.0, -30.0, -2.0, 0.0, 1.0],
                     "nps_high": [20.0, 22.0, 20.0, 18.0, 19.0, 21.0],
                     "anomaly": [False, False, True, False, False, False]})
CURVE = pl.DataFrame({"stage": ["s1", "s2"] * 3, "persona": [None, None, "A", "A", "B", "B"],
                      "ratings": [50, 40, 20, 3, 30, 37], "mean_satisfaction": [4.0, 3.1, 3.5, 2.0, 4.2, 3.9]},
                     schema_overrides={"persona": pl.String})


def test_a_kept_figure_draws_the_same_json_as_a_fresh_build_also_after_a_page_changes_it():
    def channels_page(build):  # as pages/channels.py changes the NPS-by-handoffs bars
        return build(SCORES, "channel", "nps", "responses", "NPS", 30, value_range=(-100, 100)).update_xaxes(
            title_text="handoffs").update_layout(height=300)

    for _ in range(2):  # built (and kept), then taken from the cache
        assert _json(channels_page(channel_charts.group_bars)) == _json(channels_page(channel_charts.group_bars.__wrapped__))
        assert (_json(layout.localise(nps_charts.nps_trend_with_band(WEEKLY, 30, 20.0, BAND), "ko"))
                == _json(layout.localise(nps_charts.add_nps_band(nps_charts.nps_trend(WEEKLY, 30, 20.0), BAND), "ko")))
        assert (_json(journey_map_charts.emotion_curve(CURVE, ["s1", "s2"], {"A": "#111111"}, 30))
                == _json(journey_map_charts.emotion_curve.__wrapped__(CURVE, ["s1", "s2"], {"A": "#111111"}, 30)))


def test_the_same_arguments_build_once_and_each_caller_gets_a_figure_of_its_own(monkeypatch):
    calls = []
    build = memo.memoised(lambda frame, min_n: calls.append(1) or journey_map_charts.funnel.__wrapped__(frame, min_n))
    frame = pl.DataFrame({"stage": ["s1", "s2"], "journeys": [100, 10], "reach_pct": [100.0, 10.0],
                          "drop_off_pct": [None, 90.0]})
    first = build(frame, 30)
    first.update_layout(height=111)  # a caller's change stays its own
    second = build(frame.clone(), 30)  # equal content: the same key
    assert len(calls) == 1
    assert second.layout.height != 111 and list(second.data[0].marker.pattern.shape) == ["", "/"]
    build(frame.with_columns(journeys=pl.Series([100, 40])), 30)  # other values: built again
    build(frame, 5)
    monkeypatch.setattr(memo, "current_lang", lambda: "ko")  # another language: its own figure
    build(frame, 30)
    assert len(calls) == 4


def test_an_argument_it_cannot_key_is_built_every_time():
    calls = []
    build = memo.memoised(lambda thing: calls.append(1) or channel_charts.group_bars.__wrapped__(
        SCORES, "channel", "nps", "responses", "NPS", 30))
    build(object())
    build(object())
    assert len(calls) == 2


def test_keys_tell_types_and_frame_contents_apart():
    assert memo.key(1) != memo.key(True) != memo.key(1.0)
    assert memo.key(SCORES) == memo.key(SCORES.clone())
    assert memo.key(SCORES) != memo.key(SCORES.with_columns(pl.col("nps") + 1))
    assert memo.key({"a": [1, 2]}) == memo.key({"a": [1, 2]}) != memo.key({"a": (1, 2)})
