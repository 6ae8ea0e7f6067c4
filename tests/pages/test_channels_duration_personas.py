"""The channels, duration and personas pages, driven headlessly with AppTest; figures checked against Polars
computations straight from the Parquet file (independently of the store)."""

from __future__ import annotations

import json

import polars as pl
import pytest

from tests.pages.conftest import expected_nps

PAGE_FILES = ["channels.py", "duration.py", "personas.py"]
KEYS = ("timestamp", "stage", "channel", "touchpoint", "nps")


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def _figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _valid_events(path) -> pl.DataFrame:
    ev = pl.read_parquet(path)
    return ev.filter(
        pl.all_horizontal(pl.col(c).is_not_null() for c in ("journey_id", "timestamp", "stage", "channel"))
        & (pl.col("nps").is_null() | pl.col("nps").is_between(0, 10))
        & (pl.col("satisfaction").is_null() | pl.col("satisfaction").is_between(1, 5))
        & ((pl.col("ces").is_null() | pl.col("ces").is_between(1, 7)) if "ces" in ev.columns else pl.lit(True))
    )


def _table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_each_new_page_renders_on_the_sample_with_charts_and_no_error(app, sample_path, page):
    at = app(sample_path, page=page)
    assert _problems(at) == []
    assert len(at.get("plotly_chart")) >= 2


@pytest.mark.parametrize("page", PAGE_FILES)
def test_each_new_page_renders_on_telco_data_without_touchpoint_or_ces_columns(app, telco_path, page):
    at = app(telco_path, page=page)
    assert _problems(at) == []
    assert len(at.get("plotly_chart")) >= 2


@pytest.mark.parametrize("page", PAGE_FILES)
def test_an_impossible_filter_on_a_new_page_shows_only_the_info(app, telco_path, page):
    at = app(telco_path, page=page, persona="business", channel="store")
    assert _problems(at) == []
    assert [i.value for i in at.info] == ["Nothing matches these filters. Relax Persona or Channel."]
    assert len(at.get("plotly_chart")) == 0 and len(at.dataframe) == 0


def _open_tab(at, key: str, label: str):
    """``at`` run again with the tab ``label`` of ui.layout.lazy_tabs ``key`` open (English)."""
    at.session_state[f"{key}.en"] = label
    return at.run()


def _trace_types(at) -> list[str]:
    return [fig["data"][0]["type"] for fig in _figures(at)]


def test_handoff_flows_and_matrix_total_the_consecutive_channel_changes_in_the_data(app, sample_path):
    at = app(sample_path, page="channels.py")
    sankey = next(tr for fig in _figures(at) for tr in fig["data"] if tr["type"] == "sankey")
    ev = _valid_events(sample_path).sort(["journey_id", *KEYS], nulls_last=True)
    changes = ev.with_columns(pl.col("channel").shift(1).over("journey_id").alias("prev")).filter(
        pl.col("prev").is_not_null() & (pl.col("prev") != pl.col("channel"))).height
    assert sum(sankey["link"]["value"]) == changes
    _open_tab(at, "channels.handoffs_view", "Matrix (from → to)")
    heatmap = next(tr for fig in _figures(at) for tr in fig["data"] if tr["type"] == "heatmap")
    assert sum(v for row in heatmap["z"] for v in row if v is not None) == changes
    assert f"n = {changes:,} handoffs" in at.caption[0].value


def test_the_channels_page_draws_the_open_view_of_each_tab_only(app, telco_path):
    """Flows or matrix, and one of the three scores: three charts at a time, not six; each score tab's bars are the
    channel table's column."""
    at = app(telco_path, page="channels.py")
    assert _problems(at) == []
    assert [tab.label for tab in at.tabs] == ["Flows", "Matrix (from → to)", "Mean satisfaction", "CSAT", "NPS"]
    assert _trace_types(at) == ["sankey", "bar", "bar"]
    table = _table(at, "NPS answers").set_index("Channel")
    for label, column in (("Mean satisfaction", "Mean satisfaction"), ("CSAT", "CSAT %"), ("NPS", "NPS")):
        _open_tab(at, "channels.scores_view", label)
        assert _problems(at) == []
        bars = _figures(at)[1]["data"][0]
        assert _trace_types(at) == ["sankey", "bar", "bar"]
        shown = dict(zip(bars["y"], bars["x"], strict=True))
        assert shown == pytest.approx(table[column].to_dict())
    _open_tab(at, "channels.handoffs_view", "Matrix (from → to)")
    assert _trace_types(at) == ["heatmap", "bar", "bar"]


def test_the_channels_tabs_are_in_korean_and_a_language_switch_opens_the_first_ones(app, telco_path):
    at = _open_tab(app(telco_path, page="channels.py"), "channels.handoffs_view", "Matrix (from → to)")
    assert _trace_types(at) == ["heatmap", "bar", "bar"]
    at.segmented_control(key="lang").set_value("ko").run()
    assert _problems(at) == []
    assert [tab.label for tab in at.tabs] == ["흐름", "행렬 (출발 → 도착)", "평균 만족도", "CSAT", "NPS"]
    assert _trace_types(at) == ["sankey", "bar", "bar"]


def test_nps_by_channel_is_the_nps_of_the_journeys_that_touched_the_channel(app, telco_path):
    at = app(telco_path, page="channels.py")
    table = _table(at, "NPS answers")
    ev = _valid_events(telco_path).sort(["journey_id", *KEYS[:3], "nps"], nulls_last=True)
    journeys = ev.group_by("journey_id").agg(pl.col("nps").drop_nulls().last(), pl.col("channel").unique())
    for channel in ("app", "store"):
        answers = journeys.filter(pl.col("channel").list.contains(channel))["nps"].drop_nulls()
        expected = 100 * ((answers >= 9).sum() - (answers <= 6).sum()) / len(answers)
        row = table[table["Channel"] == channel].iloc[0]
        assert row["NPS answers"] == len(answers)
        assert row["NPS"] == pytest.approx(expected)


def test_a_channel_filter_shows_the_selected_channels_only_with_their_satisfaction_and_nps(app, telco_path):
    at = app(telco_path, page="channels.py", channel="app")
    assert not at.exception
    table = _table(at, "NPS answers")
    # the other channels of the journeys that touched app were listed with an NPS and no satisfaction
    assert table["Channel"].tolist() == ["app"]
    ev = _valid_events(telco_path)
    touched = ev.filter(pl.col("channel") == "app")
    row = table.iloc[0]
    assert row["Ratings"] == touched["satisfaction"].drop_nulls().len()
    ev = ev.sort(["journey_id", *KEYS[:3], "nps"], nulls_last=True)
    journeys = ev.group_by("journey_id").agg(pl.col("nps").drop_nulls().last(), pl.col("channel").unique())
    answers = journeys.filter(pl.col("channel").list.contains("app"))["nps"].drop_nulls()
    assert row["NPS answers"] == len(answers)
    assert row["NPS"] == pytest.approx(100 * ((answers >= 9).sum() - (answers <= 6).sum()) / len(answers))


def test_persona_nps_on_the_personas_page_equals_nps_straight_from_the_parquet(app, sample_path):
    at = app(sample_path, page="personas.py")
    table = _table(at, "NPS answers")
    personas = pl.read_parquet(sample_path, columns=["persona"])["persona"].unique().sort().to_list()
    assert sorted(table["Persona"]) == personas
    for persona in personas:
        row = table[table["Persona"] == persona].iloc[0]
        assert row["NPS"] == pytest.approx(expected_nps(sample_path, persona=persona))


def test_persona_weakest_stage_says_when_no_stage_has_enough_ratings(app, telco_path, monkeypatch):
    monkeypatch.setenv("CXLENS_MIN_SAMPLE", "100000")
    at = app(telco_path, page="personas.py")
    lines = [m.value for m in at.markdown if "no stage has 100000 or more ratings" in m.value]
    assert len(lines) == 3  # business, postpaid, prepaid


def test_duration_table_median_per_persona_equals_polars_on_the_parquet(app, telco_path):
    at = app(telco_path, page="duration.py")
    table = _table(at, "Median (h)")
    ev = _valid_events(telco_path)
    spans = ev.group_by("journey_id").agg(
        pl.col("persona").first(),
        ((pl.col("timestamp").max() - pl.col("timestamp").min()).dt.total_seconds() / 3600).alias("hours"))
    for persona in ("business", "postpaid", "prepaid"):
        hours = spans.filter(pl.col("persona") == persona)["hours"]
        row = table[table["Persona"] == persona].iloc[0]
        assert row["Journeys"] == len(hours)
        assert row["Median (h)"] == pytest.approx(hours.quantile(0.5, interpolation="linear"))
        assert row["p90 (h)"] == pytest.approx(hours.quantile(0.9, interpolation="linear"))
    assert table.iloc[0]["Persona"] == "All journeys" and table.iloc[0]["Journeys"] == spans.height


def test_dwell_time_is_five_hours_per_stage_on_telco_data_where_stages_are_five_hours_apart(app, telco_path):
    # telco journeys touch one stage every 5 hours, in order: every dwell time is exactly 5 h
    at = app(telco_path, page="duration.py")
    table = _table(at, "Journeys moving on")
    assert table["Stage"].tolist() == ["order", "activation", "billing"]
    assert table["Median (h)"].tolist() == [5.0, 5.0, 5.0]
    assert table["p90 (h)"].tolist() == [5.0, 5.0, 5.0]
    ev = _valid_events(telco_path)
    reached = ev.group_by("journey_id").agg(pl.col("stage").n_unique().alias("stages"))
    assert table["Journeys moving on"].tolist() == [
        reached.filter(pl.col("stages") >= k).height for k in (2, 3, 4)]


def test_new_pages_speak_korean_with_lang_ko(app, sample_path):
    at = app(sample_path, page="channels.py", lang="ko")
    assert at.title[0].value == "채널 및 채널 전환"
    at = app(sample_path, page="personas.py", lang="ko")
    assert "페르소나별 가장 약한 단계" in [h.value for h in at.subheader]


@pytest.mark.parametrize("page", ["channels.py", "journey_map.py", "personas.py"])
def test_the_low_sample_legend_is_said_once_per_page_and_again_on_the_next_run(app, sample_path, page):
    at = app(sample_path, page=page)
    legend = "Hollow markers, hatched bars and * mark groups"
    for _ in range(2):  # a rerun says it again, once
        assert _problems(at) == []
        assert sum(legend in c.value for c in at.caption) == 1
        at.run()


def test_dimension_filters_are_labelled_in_the_ui_language(app, sample_path):
    at = app(sample_path, lang="ko")
    labels = [m.label for m in at.sidebar.multiselect]
    assert "지역" in labels and "연령대" in labels and "region" not in labels and "age_band" not in labels
    at = app(sample_path)
    labels = [m.label for m in at.sidebar.multiselect]
    assert "Region" in labels and "Age band" in labels
