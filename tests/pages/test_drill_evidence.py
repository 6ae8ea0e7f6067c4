"""Drill-downs land on the evidence: the journeys behind a selection (and their comments) come first on the Journeys
page, a VoC keyword opens the comments that use it, and the "Path contains" filter matches parts of step names."""

from __future__ import annotations

import json

import polars as pl

from i18n import t
from metrics.paths import journey_paths
from metrics.text import mask
from tests.pages.test_channels_duration_personas import _valid_events
from ui.charts.style import UNSELECTED_OPACITY


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _most_frequent_stage_path(path) -> list[str]:
    paths = journey_paths(_valid_events(path))
    return paths.group_by("stage_path").len().sort(["len", "stage_path"], descending=[True, False])["stage_path"][0]


def test_a_drill_down_lists_its_journeys_with_their_comments_above_the_charts(app, sample_path):
    top = list(_most_frequent_stage_path(sample_path))
    at = app(sample_path, page="journeys.py", drill_kind="stage", drill_path=top)
    assert _problems(at) == []
    headings = [s.value for s in at.subheader]
    assert headings.index(t("journey_list_title")) < headings.index(t("paths_title"))
    listed = _frame(at, "Comment (masked)")
    ev = _valid_events(sample_path).filter(pl.col("comment").is_not_null() & (pl.col("comment").str.strip_chars() != ""))
    said = {j: sorted(mask(c) for c in g["comment"]) for (j,), g in ev.group_by("journey_id")}
    assert listed["Comment (masked)"].notna().sum() > 0
    for journey, comments in zip(listed["Journey"], listed["Comment (masked)"], strict=True):
        assert (sorted(comments.split(" / ")) if isinstance(comments, str) else []) == said.get(journey, [])


def test_without_a_drill_down_the_journey_list_stays_below_the_charts(app, telco_path):
    at = app(telco_path, page="journeys.py")
    headings = [s.value for s in at.subheader]
    assert headings.index(t("journey_list_title")) > headings.index(t("process_map_title"))


def test_the_path_bars_keep_the_bars_not_clicked_readable(app, telco_path):
    at = app(telco_path, page="journeys.py")
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert bars["unselected"]["marker"]["opacity"] == UNSELECTED_OPACITY >= 0.5


def test_the_placeholders_example_path_selects_journeys_from_an_app_step_to_a_call_centre_step(app, sample_path):
    assert t("path_contains_placeholder", "ko") == "예: 앱>콜센터"
    at = app(sample_path, page="journeys.py", path_contains="앱>콜센터")
    assert _problems(at) == []

    def through(steps: list[str]) -> bool:
        return any("앱" in a and "콜센터" in b for a, b in zip(steps, steps[1:], strict=False))

    paths = journey_paths(_valid_events(sample_path))
    want = sum(through(r["stage_path"]) or through(r["channel_path"]) for r in paths.iter_rows(named=True))
    assert want > 0
    caption = next(c.value for c in at.caption if "journeys listed" in c.value)
    assert caption.endswith(f"of {want:,} journeys listed.")


def test_a_keyword_bar_opens_the_comments_that_use_it_and_close_puts_them_away(app, sample_path):
    at = app(sample_path, page="voc.py")
    assert _problems(at) == []
    keyword = _frame(at, "Keyword")["Keyword"][0]
    at.session_state["voc.opened"] = ("top", keyword)  # what a click on the keyword's bar leaves
    at.run()
    assert _problems(at) == []
    opened = [m.value for m in at.markdown if m.value == "**" + t("voc_opened_title", keyword=keyword) + "**"]
    assert len(opened) == 1
    assert at.button(key="voc.close").label == "Close"
    at.button(key="voc.close").click().run()
    assert "voc.opened" not in at.session_state
    assert not any(m.value.startswith("**Comments that use") for m in at.markdown)
