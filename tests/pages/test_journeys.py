"""The Journeys page, driven headlessly with AppTest: paths, process map, the journey list behind a drill-down
(from the URL) and an episode; figures checked against Polars computations straight from the Parquet file."""

from __future__ import annotations

import json

import polars as pl
import pytest

from i18n import t
from metrics.paths import journey_paths
from tests.pages.test_channels_duration_personas import _valid_events

PAGE = "journeys.py"


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _reference_paths(path) -> pl.DataFrame:
    return journey_paths(_valid_events(path))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_renders_paths_the_detractor_table_the_map_and_the_list_without_error(app, sample_path, lang):
    at = app(sample_path, page=PAGE)
    if lang != "en":
        # switched on the page: with ?lang=ko the overview's period selectbox (run first) trips AppTest's
        # widget-state check on the page switch (its options are Korean, its stored value English)
        at.session_state["lang"] = lang
        at.run()
        assert at.title[0].value == "여정 탐색"
    assert _problems(at) == []
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 2  # path bars and the process map
    assert len(at.dataframe) >= 3  # paths, transitions, journeys


def test_the_path_bars_show_the_most_frequent_stage_paths_with_their_journey_counts(app, sample_path):
    at = app(sample_path, page=PAGE)
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    counts = _reference_paths(sample_path).group_by(pl.col("stage_path").list.join(" → ")).len().sort(
        ["len", "stage_path"], descending=[True, False])
    assert bars["x"] == counts["len"].head(len(bars["x"])).to_list()
    assert [c[5] for c in bars["customdata"]] == counts["stage_path"].head(len(bars["y"])).to_list()


def test_the_path_tree_shows_each_path_beginning_with_the_journeys_that_start_that_way(app, sample_path):
    at = app(sample_path, page=PAGE)
    at.segmented_control(key="journeys.kind@en").set_value("channel").run()
    at.segmented_control(key="journeys.path_view@en").set_value("tree").run()
    assert _problems(at) == []
    icicle = next(d for c in at.get("plotly_chart") for d in json.loads(c.proto.spec)["data"]
                  if d["type"] == "icicle")
    paths = _reference_paths(sample_path)["channel_path"].to_list()
    for node, value in zip(icicle["ids"], icicle["values"], strict=True):
        prefix = node.split(chr(31))
        assert value == sum(p[:len(prefix)] == prefix for p in paths)
    roots = [v for v, parent in zip(icicle["values"], icicle["parents"], strict=True) if parent == ""]
    assert sum(roots) <= len(paths) and sum(roots) >= 0.95 * len(paths)  # small beginnings (< 0.5 %) left out


def test_a_path_in_the_url_lists_exactly_the_journeys_on_that_path_and_can_be_cleared(app, telco_path):
    at = app(telco_path, page=PAGE, drill_kind="stage", drill_path=["order", "activation"])
    assert _problems(at) == []
    assert any("order → activation" in i.value for i in at.info)
    listed = _frame(at, "Journey")
    expected = _reference_paths(telco_path).filter(pl.col("stage_path") == ["order", "activation"])
    assert sorted(listed["Journey"].to_list()) == sorted(expected["journey_id"].to_list())
    at.button(key="journeys.clear").click().run()
    assert not any("order → activation" in i.value for i in at.info)
    assert "drill_kind" not in at.query_params
    assert len(_frame(at, "Journey")) == min(200, _reference_paths(telco_path).height)


def test_a_transition_in_the_url_lists_the_journeys_that_take_it(app, telco_path):
    at = app(telco_path, page=PAGE, drill_kind="channel", drill_from="app", drill_to="call")
    ev = _valid_events(telco_path).sort(["journey_id", "timestamp", "stage", "channel"])
    taking = ev.with_columns(pl.col("channel").shift(1).over("journey_id").alias("prev")).filter(
        (pl.col("prev") == "app") & (pl.col("channel") == "call"))["journey_id"].unique()
    listed = _frame(at, "Journey")["Journey"].to_list()
    assert sorted(listed) == sorted(taking.to_list())[:200] and len(listed) > 0


def test_a_touchpoint_transition_in_the_url_opens_the_touchpoint_map_and_lists_the_journeys_that_take_it(
        app, sample_path):
    from metrics.paths import transition_rows

    rows = transition_rows(_valid_events(sample_path), "touchpoint")
    top = rows.group_by("from", "to").len().sort(["len", "from", "to"], descending=[True, False, False]).row(
        0, named=True)
    at = app(sample_path, page=PAGE, drill_kind="touchpoint", drill_from=top["from"], drill_to=top["to"])
    assert _problems(at) == []
    assert any(f"touchpoint transition {top['from']} → {top['to']}" in i.value for i in at.info)
    assert at.session_state["journeys.map_kind.stage"] == "touchpoint"
    spec = json.loads(at.get("plotly_chart")[1].proto.spec)
    nodes = [d for d in spec["data"] if d.get("mode") == "text"][0]["text"]  # names beside the ring
    assert any(top["from"] in n.replace("<br>", " ") for n in nodes)  # the map's nodes are touchpoints
    edges = _frame(at, "Transitions")
    assert edges["Transitions"].tolist()[0] == top["len"] and len(edges) > 30  # the table lists every transition
    assert any("30 most frequent" in c.value for c in at.caption)  # the map draws the most frequent
    taking = rows.filter((pl.col("from") == top["from"]) & (pl.col("to") == top["to"]))["journey_id"].unique()
    assert any(f"{min(200, taking.len()):,} of {taking.len():,}" in c.value for c in at.caption)
    assert set(_frame(at, "Journey")["Journey"]) <= set(taking.to_list())


def test_a_journey_in_the_url_opens_its_episode_with_the_customers_other_journeys(app, telco_path):
    ev = _valid_events(telco_path)
    at = app(telco_path, page=PAGE, journey="T0007")
    assert _problems(at) == []
    episode = _frame(at, "Gap (h)")
    want = ev.filter(pl.col("journey_id") == "T0007").sort("timestamp", "stage", "channel")
    assert episode["Stage"].to_list() == want["stage"].to_list()
    assert episode["Gap (h)"].isna().tolist()[0] and not any(episode["Gap (h)"].isna().tolist()[1:])
    assert any(s.value.startswith("**This customer's journeys (1)") for s in at.markdown)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_episodes_comments_are_masked_and_headed_so_on_the_page_and_in_its_csv(app, sample_path, lang):
    raw = pl.read_parquet(sample_path).filter(pl.col("journey_id") == "J0013019")["comment"].drop_nulls()[0]
    assert "01035717878" in raw  # the sample's comment with a phone number
    at = app(sample_path, page=PAGE, journey="J0013019", lang=lang)
    assert _problems(at) == []
    episode = _frame(at, t("col_time", lang=lang))
    assert t("col_comment", lang=lang) not in episode.columns  # headed as masked, as the list and the VoC are
    comments = episode[t("col_comment_masked", lang=lang)].dropna().tolist()
    assert comments == [raw.replace("01035717878", "***-****-****")]
    assert not any("01035717878" in str(d.value.to_csv()) for d in at.dataframe)


def test_an_unknown_journey_in_the_url_says_so(app, telco_path):
    at = app(telco_path, page=PAGE, journey="nope")
    assert _problems(at) == []
    assert any("No journey has the id nope" in i.value for i in at.info)


def test_an_impossible_filter_shows_only_the_info(app, telco_path):
    at = app(telco_path, page=PAGE, persona="business", channel="store")
    assert _problems(at) == []
    assert [i.value for i in at.info] == ["Nothing matches these filters. Relax Persona or Channel."]
    assert len(at.get("plotly_chart")) == 0


def test_a_path_filter_in_the_url_selects_journeys_whose_path_contains_it_and_stays_in_the_url(app, telco_path):
    at = app(telco_path, page=PAGE, path_contains="activation>billing")
    assert _problems(at) == []
    paths = _reference_paths(telco_path)

    def has(values: list[str]) -> bool:
        return any(values[i:i + 2] == ["activation", "billing"] for i in range(len(values) - 1))

    want = [r["journey_id"] for r in paths.iter_rows(named=True) if has(r["stage_path"]) or has(r["channel_path"])]
    caption = next(c.value for c in at.caption if "journeys listed" in c.value)
    assert caption.endswith(f"of {len(want):,} journeys listed.")
    assert at.text_input(key="filter.path_contains").value == "activation>billing"
    assert at.query_params["path_contains"] in ("activation>billing", ["activation>billing"])


def test_paths_and_transitions_keep_their_names_in_a_pinned_column_so_numbers_show_on_a_phone(app, sample_path):
    at = app(sample_path, page=PAGE)
    wrapped = {}
    for d in at.dataframe:
        config = json.loads(d.proto.columns or "{}")
        pinned = {name: c["width"] for name, c in config.items() if c.get("pinned")}
        wrapped[tuple(d.value.columns[:2])] = (pinned, d.proto.row_height)
    assert wrapped[("Path", "Journeys")] == ({"Path": 200}, 66)
    assert wrapped[("From", "To")] == ({"From": 100, "To": 100}, 0)  # stage names fit: Streamlit's own rows
    journeys = next(v for k, v in wrapped.items() if k[0] == "Journey")
    assert journeys == ({}, 0)  # the journey list keeps Streamlit's own rows
