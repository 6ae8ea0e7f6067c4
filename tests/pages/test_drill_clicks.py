"""Chart clicks that filter the dashboard or open the journeys behind a cell, driven headlessly with AppTest.

AppTest cannot click inside a Plotly chart (tests/e2e does, in Chromium): these tests give the session what a click
leaves in it (ui.drill's state) and check what the page then shows, the URL and the clear button."""

from __future__ import annotations

import polars as pl

from tests.pages.test_channels_duration_personas import _valid_events
from ui.drill import Drill


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def test_a_heatmap_cell_click_shows_both_filters_in_the_main_area_and_one_click_clears_both(app, telco_path):
    at = app(telco_path, page="journey_map.py", stage="billing", channel="web")
    at.session_state["drill.filtered"] = (("stage", "billing"), ("channel", "web"))
    at.run()
    assert _problems(at) == []
    assert [i.value for i in at.info][0] == "Filtered to Stage billing and Channel web by a click on a chart."
    at.button(key="drill.unfilter").click().run()
    assert at.session_state["filter.stage"] == [] and at.session_state["filter.channel"] == []
    assert "stage" not in at.query_params and "channel" not in at.query_params
    assert not any("by a click on a chart" in i.value for i in at.info)


def test_the_notice_drops_a_value_the_sidebar_no_longer_has(app, telco_path):
    at = app(telco_path, page="journey_map.py", stage="billing")  # the channel was removed in the sidebar since
    at.session_state["drill.filtered"] = (("stage", "billing"), ("channel", "web"))
    at.run()
    assert [i.value for i in at.info][0] == "Filtered to Stage billing by a click on a chart."


def test_a_driver_click_filter_is_shown_on_the_drivers_page_in_korean(app, sample_path):
    at = app(sample_path, page="drivers.py", stage="가입")
    at.session_state["lang"] = "ko"
    at.session_state["drill.filtered"] = (("stage", "가입"),)
    at.run()
    assert _problems(at) == []
    assert "차트 클릭으로 단계 가입(으)로 필터링했습니다." in [i.value for i in at.info]
    assert at.button(key="drill.unfilter").label == "해제"


def test_a_handoff_cell_click_opens_the_journeys_taking_it_with_the_drill_in_the_url(app, telco_path):
    at = app(telco_path, page="channels.py")
    # what journeys_on_cell's callback leaves: the transition drill, the paths' kind, the request to switch.
    # (AppTest's page switch gives the sidebar's widgets their defaults whatever the session holds, the date
    # inputs today's date clamped to the data's last day: the browser test, tests/e2e/test_drill.py, checks the
    # whole list and that the filters survive the switch; here every journey listed must take the handoff.)
    at.session_state["drill"], at.session_state["drill.journey"] = Drill("channel", start="app", end="web"), None
    at.session_state["journeys.kind"] = "channel"
    at.session_state["drill.goto"] = "channels.handoffs"
    at.run()
    assert _problems(at) == []
    assert at.title[0].value == "Journeys"
    url = {k: at.query_params.get(k) for k in ("drill_kind", "drill_from", "drill_to")}
    assert url == {"drill_kind": "channel", "drill_from": "app", "drill_to": "web"}
    # journeys with two consecutive touchpoints on app then web (independently, in Polars)
    ev = _valid_events(telco_path)
    took = (ev.sort("journey_id", "timestamp")
            .with_columns(prev=pl.col("channel").shift(1).over("journey_id"))
            .filter((pl.col("prev") == "app") & (pl.col("channel") == "web"))["journey_id"].unique())
    listed = next(d.value for d in at.dataframe if "Journey" in d.value.columns)
    assert len(listed) > 0 and set(listed["Journey"].to_list()) <= set(took.to_list())
