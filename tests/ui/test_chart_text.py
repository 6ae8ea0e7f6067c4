"""Every chart builder (the ui/*_charts.py modules) shows data values as text: no tag, link or template from the data."""

from __future__ import annotations

import datetime as dt
import inspect
import re

import plotly.graph_objects as go
import polars as pl
import pytest

from metrics.paths import path_tree
from ui.charts import channels as channel_charts
from ui.charts import drivers as driver_charts
from ui.charts import duration as duration_charts
from ui.charts import journey_map as journey_map_charts
from ui.charts import journey_paths as path_charts
from ui.charts import nps as nps_charts
from ui.charts import personas as persona_charts
from ui.charts import style as chart_style
from ui.charts import voc as voc_charts
from ui.text import plot

# the modules of chart builders (ui.chart_style holds what they share: helpers, not builders)
CHART_MODULES = (nps_charts, journey_map_charts, driver_charts, channel_charts, duration_charts,
                 persona_charts, voc_charts, path_charts)

# A stage, a channel and a persona as an uploaded file could name them (the channel among them).
STAGE = "<a href='http://evil.example/kyc'>가입</a>"
CHANNEL = '<a href="http://evil.example">ATM</a>'
PERSONA = "<img src=http://127.0.0.1:8613/beacon.png> 직장인 %{y} &amp;"
OTHER_STAGE, OTHER_CHANNEL, OTHER_PERSONA = "이용 <b>단계</b>", "T월드 앱<br>", "시니어"
STAGES, CHANNELS, PERSONAS = [STAGE, OTHER_STAGE], [CHANNEL, OTHER_CHANNEL], [OTHER_PERSONA, PERSONA]
COLOURS = chart_style.colour_map({"persona": PERSONAS, "channel": CHANNELS})


def _figures() -> dict[str, go.Figure]:
    """One figure from each builder that takes data values, on frames naming the hostile values."""
    curve = pl.DataFrame({"stage": STAGES * 2, "persona": [None, None, PERSONA, PERSONA], "ratings": [50, 40, 5, 9],
                          "mean_satisfaction": [4.0, 3.1, 2.0, 2.5]}, schema_overrides={"persona": pl.String})
    funnel = pl.DataFrame({"stage": STAGES, "journeys": [100, 40], "reach_pct": [100.0, 40.0],
                           "drop_off_pct": [None, 60.0]})
    cells = pl.DataFrame({"stage": [STAGE, STAGE, OTHER_STAGE], "channel": [CHANNEL, OTHER_CHANNEL, CHANNEL],
                          "ratings": [40, 3, 50], "mean_satisfaction": [4.25, 2.0, 3.5]})
    drivers = pl.DataFrame({"stage": STAGES, "importance": [60.0, 40.0], "coefficient": [1.2, 0.4],
                            "mean_satisfaction": [3.2, 4.1], "n": [120, 12], "quadrant": ["fix_first", "maintain"]})
    moves = pl.DataFrame({"from_channel": [CHANNEL, OTHER_CHANNEL], "to_channel": [OTHER_CHANNEL, CHANNEL],
                          "count": [30, 12]})
    matrix = pl.DataFrame({"from_channel": CHANNELS, CHANNEL: [None, 12], OTHER_CHANNEL: [30, None]})
    scores = pl.DataFrame({"channel": CHANNELS, "csat": [72.5, 40.0], "ratings": [80, 7]})
    spans = pl.DataFrame({"persona": [None, *PERSONAS], "n": [90, 60, 30], "p10": [0.5, 0.5, 1.0],
                          "q1": [2.0, 2.0, 3.0], "median": [10.0, 9.0, 12.0], "q3": [30.0, 28.0, 40.0],
                          "p90": [100.0, 90.0, 120.0]}, schema_overrides={"persona": pl.String})
    kpis = pl.DataFrame({"persona": PERSONAS, "nps": [12.5, -4.0], "responses": [80, 9], "csat": [70.0, 55.0],
                         "ratings": [90, 20], "ces": [5.1, 4.2], "ces_responses": [40, 3], "journeys": [120, 25],
                         "median_hours": [8.5, 30.0], "handoff_rate": [22.0, 48.0]})
    mix = pl.DataFrame({"persona": [PERSONA, PERSONA, OTHER_PERSONA], "channel": [CHANNEL, OTHER_CHANNEL, CHANNEL],
                        "events": [30, 10, 5]})
    labels = {q: q.replace("_", " ") for q in driver_charts.QUADRANT_COLOURS}
    paths = pl.DataFrame({"path": [[STAGE, OTHER_STAGE], [STAGE]], "journeys": [60, 40], "share": [60.0, 40.0],
                          "nps": [12.5, None], "responses": [40, 3], "median_journey_hours": [5.0, 1.5]})
    edges = pl.DataFrame({"from": [STAGE, OTHER_STAGE], "to": [OTHER_STAGE, STAGE], "count": [50, 7],
                          "journeys": [45, 7], "median_hours": [2.5, 30.0], "nps": [10.0, -20.0], "responses": [40, 5]})
    events = pl.DataFrame({"timestamp": [dt.datetime(2026, 3, 1, 9), dt.datetime(2026, 3, 1, 11)],
                           "stage": STAGES, "channel": CHANNELS, "touchpoint": ["<b>OTP</b>", None],
                           "satisfaction": [2, None]})
    words = pl.DataFrame({"keyword": [STAGE, PERSONA], "share": [12.0, 3.0], "comments": [40, 9],
                          "nps": [-20.0, None], "low_sample": [False, True]})
    rising = pl.DataFrame({"keyword": [CHANNEL, OTHER_STAGE], "current": [20.0, 8.0], "previous": [0.0, 2.0],
                           "current_comments": [30, 12], "previous_comments": [0, 3]})
    shares = pl.DataFrame({"stage": [STAGE, OTHER_STAGE], "keyword": [PERSONA, CHANNEL], "comments": [5, 7],
                           "group_comments": [50, 70], "share": [10.0, 10.0]})
    return {
        "emotion_curve": journey_map_charts.emotion_curve(curve, STAGES, COLOURS["persona"], 30),
        "funnel": journey_map_charts.funnel(funnel, 30),
        "heatmap": journey_map_charts.heatmap(cells, STAGES, CHANNELS, 30),
        "importance_performance": driver_charts.importance_performance(drivers, labels, 30),
        "sankey": channel_charts.sankey(moves, COLOURS["channel"]),
        "handoff_heatmap": channel_charts.handoff_heatmap(matrix),
        "group_bars": channel_charts.group_bars(scores, "channel", "csat", "ratings", "CSAT", 30, COLOURS["channel"],
                                        order=CHANNELS, horizontal=True),
        "boxes": duration_charts.boxes(spans, "persona", "hours", 30, COLOURS["persona"], PERSONAS, all_label="all"),
        "persona_multiples": persona_charts.persona_multiples(kpis, COLOURS["persona"], 30),
        "channel_mix": persona_charts.channel_mix(mix, PERSONAS, COLOURS["channel"]),
        "path_bars": path_charts.path_bars(paths, 30),
        "path_tree": path_charts.path_tree(path_tree(paths.with_columns(
            promoters=pl.Series([20, 1]), passives=pl.Series([12, 1]), detractors=pl.Series([8, 1])), min_share=0), 30),
        "process_map": path_charts.process_map(edges, STAGES, 30, "line"),
        "process_map_circle": path_charts.process_map(edges, STAGES, 30, "circle"),
        "episode_timeline": path_charts.episode_timeline(events, STAGES, COLOURS["channel"]),
        "keyword_bars": voc_charts.keyword_bars(words, "share", "%", hover=[("comments", "n", ",d")], low="low_sample",
                                            nps_colour=True),
        "rising_bars": voc_charts.rising_bars(rising, "before", "now"),
        "keyword_heatmap": voc_charts.keyword_heatmap(shares, "stage", [PERSONA, CHANNEL], STAGES),
        "persona_map": persona_charts.persona_map(pl.DataFrame({"x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 0.5],
                                                        "persona": [PERSONA, OTHER_PERSONA, PERSONA],
                                                        "customers": [40, 12, 0]}), COLOURS["persona"]),
    }


def _strings(node, path=""):
    """(path, string) for every string in a figure's JSON."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            yield from _strings(value, f"{path}[{i}]")


FIGURES = _figures()


def test_every_builder_that_takes_data_values_is_checked_here():
    """A new builder in a ui/*_charts.py module joins FIGURES (or is listed as taking no data values)."""
    no_data_values = {"nps_trend", "add_nps_band", "nps_trend_with_band"}  # weeks and numbers only
    builders = {name for module in CHART_MODULES for name, fn in inspect.getmembers(module, inspect.isfunction)
                if fn.__module__ == module.__name__ and not name.startswith("_")
                and inspect.signature(fn).return_annotation in (go.Figure, "go.Figure")}
    assert builders - no_data_values == {name.removesuffix("_circle") for name in FIGURES}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_a_chart_draws_tags_in_data_values_as_text(name):
    strings = list(_strings(FIGURES[name].to_plotly_json()))
    raw = re.compile(r"<a |<img|<b>단계|앱<br>|&amp;(?!amp;)")  # the data values' own markup, unescaped
    assert [(p, s) for p, s in strings if raw.search(s)] == []
    text = " ".join(s for _, s in strings)
    assert "&lt;a" in text or "&lt;img" in text  # the hostile value is in the figure, escaped


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_no_data_value_is_part_of_a_hover_template(name):
    templates = [s for p, s in _strings(FIGURES[name].to_plotly_json()) if p.endswith("hovertemplate")]
    assert templates
    assert not any(v in s or plot(v) in s for s in templates for v in (*STAGES, *CHANNELS, *PERSONAS))


def test_category_order_and_values_use_the_same_escaped_text():
    fig = FIGURES["emotion_curve"]
    assert list(fig.layout.xaxis.categoryarray) == [plot(s) for s in STAGES]
    assert set(fig.data[0].x) <= set(fig.layout.xaxis.categoryarray)
    assert [trace.name for trace in fig.data] == ["All", plot(PERSONA)]


def test_a_wrapped_label_escapes_each_line_and_keeps_its_own_line_breaks():
    assert chart_style.wrap("<b>Premium</b> 고객 상담", 16) == "&lt;b&gt;Premium&lt;/b&gt;<br>고객 상담"
    # a word wider than a line is cut, each piece escaped on its own
    assert chart_style.wrap("<b>Premium</b>", 10) == "&lt;b&gt;Premium" + chart_style.BREAK_IN_WORD + "&lt;/b&gt;"


def test_a_hangul_letter_takes_two_units_of_a_line():
    assert chart_style.wrap("금융 거래가 활발한 비즈니스맨") == "금융<br>거래가<br>활발한<br>비즈니스맨"
    assert chart_style.wrap("Gold card holder") == "Gold card<br>holder"  # Latin letters count one


def test_a_long_label_without_spaces_is_cut_into_lines_and_joins_again_without_a_space():
    label = chart_style.wrap("공동인증서로그인", 10)
    assert label == "공동인증서" + chart_style.BREAK_IN_WORD + "로그인"
    assert chart_style.unwrap(label) == "공동인증서로그인"
    assert chart_style.unwrap(chart_style.wrap("현금을 사용하는 가정 주부")) == "현금을 사용하는 가정 주부"
