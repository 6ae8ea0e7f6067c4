"""Chart clicks in a real browser: a heatmap cell filters to its stage and channel, a driver to its
stage, a pain point's row to its stage, each shown in the main area with one click to clear and carried by the URL;
a handoff cell opens the Journeys page on that channel transition (en and ko). A later click keeps naming the filter an
earlier one set that it leaves alone."""

from __future__ import annotations

import re
import urllib.parse

import pytest

from figures import executive
from store import Filters, open_dataset, queries
from store import episodes as store_episodes
from tests.e2e.browser import CHART, EXCEPTION, open_view, wait_rendered

INFO = '[data-testid="stAlertContentInfo"]'
CLEAR = {"en": "Clear", "ko": "해제"}
STAGE = {"en": "Stage", "ko": "단계"}
CHANNEL = {"en": "Channel", "ko": "채널"}


@pytest.fixture(scope="module")
def dataset(server):
    return open_dataset(str(server.data))


def _query(page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def _wait_url(page, fragment: str, present: bool = True, min_charts: int = 1) -> None:
    page.wait_for_function("([f, p]) => decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes(f) === p",
                           arg=[fragment, present], timeout=60_000)
    wait_rendered(page, min_charts)


def _hover_cell(page, chart) -> tuple[float, float, str]:
    """The first heatmap cell (row by row) whose hover says something: its point on the page and the hover text."""
    chart.scroll_into_view_if_needed()
    box = chart.locator(".nsewdrag").first.bounding_box()
    for fy in (0.1, 0.3, 0.5):
        for fx in (0.07, 0.2, 0.35, 0.5):
            x, y = box["x"] + box["width"] * fx, box["y"] + box["height"] * fy
            page.mouse.move(x, y)
            page.wait_for_timeout(250)
            said = chart.locator(".hoverlayer").text_content() or ""
            if said.strip():
                return x, y, said
    raise AssertionError("no heatmap cell shows a hover")


def _clear(page, lang: str) -> None:
    page.get_by_role("button", name=CLEAR[lang], exact=True).click()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_clicking_a_heatmap_cell_filters_to_its_stage_and_channel_and_one_click_clears_both(page, server, lang):
    open_view(page, server.url + f"/journey_map?lang={lang}", min_charts=3)
    heat = page.locator(CHART).nth(2)
    x, y, said = _hover_cell(page, heat)
    stage, channel = re.match(r"^(.+?) · (.+?)(?:Mean satisfaction|만족도 평균|평균 만족도)", said).groups()
    page.mouse.click(x, y)
    _wait_url(page, "channel=", min_charts=3)
    assert (_query(page)["stage"], _query(page)["channel"]) == ([stage], [channel])
    notice = page.locator(INFO).first.inner_text()
    assert f"{STAGE[lang]} {stage}" in notice and f"{CHANNEL[lang]} {channel}" in notice
    _clear(page, lang)
    _wait_url(page, "stage=", present=False, min_charts=3)
    assert "channel" not in _query(page)
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_clicking_a_driver_filters_to_its_stage_and_the_url_says_so(page, server, lang):
    open_view(page, server.url + f"/drivers?lang={lang}", min_charts=1)
    trace = page.locator(CHART).first.locator(".scatterlayer .trace").first
    stage = trace.locator(".textpoint text").first.text_content()
    point = trace.locator(".point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _wait_url(page, "stage=")
    assert _query(page)["stage"] == [stage]
    assert f"{STAGE[lang]} {stage}" in page.locator(INFO).first.inner_text()
    _clear(page, lang)
    _wait_url(page, "stage=", present=False)
    assert page.locator(EXCEPTION).count() == 0


def _tick_first_row(page, grid) -> None:
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box, below the header


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_selecting_a_pain_point_filters_to_its_stage(page, server, dataset, lang):
    first = executive.pain_points(dataset, Filters()).row(0, named=True)
    open_view(page, server.url + f"/journey_map?lang={lang}", min_charts=3)
    _tick_first_row(page, page.locator('[data-testid="stDataFrame"]').first)
    _wait_url(page, "stage=", min_charts=3)
    expected = {"stage": [first["stage"]]} | ({"channel": [first["channel"]]} if first["channel"] else {})
    assert {k: _query(page).get(k) for k in ("stage", "channel") if k in _query(page)} == expected
    assert f"{STAGE[lang]} {first['stage']}" in page.locator(INFO).first.inner_text()
    assert page.locator(EXCEPTION).count() == 0


def test_a_pain_point_after_a_heatmap_cell_keeps_the_cells_channel_in_the_notice_and_clear_removes_both(
        page, server, dataset):
    open_view(page, server.url + "/journey_map", min_charts=3)
    x, y, said = _hover_cell(page, page.locator(CHART).nth(2))
    channel = re.match(r"^(.+?) · (.+?)Mean satisfaction", said).group(2)
    page.mouse.click(x, y)
    _wait_url(page, "channel=", min_charts=3)
    cell_stage = _query(page)["stage"][0]
    pain = executive.pain_points(dataset, Filters.make(stage=[cell_stage], channel=[channel])).row(0, named=True)
    _tick_first_row(page, page.locator('[data-testid="stDataFrame"]').first)
    page.wait_for_timeout(500)
    wait_rendered(page, 3)
    assert (_query(page)["stage"], _query(page)["channel"]) == ([pain["stage"]], [channel])
    notice = page.locator(INFO).first.inner_text()
    assert f"Stage {pain['stage']}" in notice and f"Channel {channel}" in notice
    _clear(page, "en")
    _wait_url(page, "channel=", present=False, min_charts=3)
    assert "stage" not in _query(page)


def test_clicking_a_handoff_cell_lists_its_journeys_on_the_journeys_page_keeping_the_filters(page, server, dataset):
    options = queries.filter_options(dataset)
    persona = options["persona"][0]
    open_view(page, server.url + "/channels?lang=ko&persona=" + urllib.parse.quote(persona), min_charts=2)
    page.get_by_role("tab", name="행렬 (출발 → 도착)").click()  # the flows first; the matrix is the other tab
    heat = page.locator('[data-testid="stTabPanel"]:visible').locator(CHART).first
    heat.locator(".heatmap, .hm").first.wait_for(state="attached", timeout=60_000)
    x, y, said = _hover_cell(page, heat)
    start, end = re.match(r"^출발: (.+?)도착: (.+?)전환", said).groups()
    page.mouse.click(x, y)
    _wait_url(page, "drill_from=", min_charts=2)
    assert urllib.parse.urlparse(page.url).path.endswith("/journeys")
    q = _query(page)
    assert (q["drill_kind"], q["drill_from"], q["drill_to"], q["persona"]) == (["channel"], [start], [end], [persona])
    assert "since" not in q and "until" not in q  # no date filter appears on the way
    taking = store_episodes.count_journeys(dataset, Filters.make(persona=[persona]), transition=("channel", start, end))
    assert taking > 0
    caption = page.locator('[data-testid="stCaptionContainer"]', has_text=" 표시.").first.inner_text()
    assert caption.startswith(f"여정 {taking:,}건 중")
    assert f"{start} → {end}" in page.locator(INFO).first.inner_text()
    assert page.locator(EXCEPTION).count() == 0
    # the list of those journeys is the first thing below the selection, on the first screen, above every chart
    listed = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    assert listed["y"] < 900 and listed["y"] < page.locator(CHART).first.bounding_box()["y"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_clicking_a_keyword_bar_opens_the_comments_that_use_it_under_the_chart(page, server, lang):
    open_view(page, server.url + f"/voc?lang={lang}", min_charts=3)
    # the late facts' progress bar above the page goes when they are written, moving the page up
    page.wait_for_selector('[data-testid="stProgress"]', state="detached", timeout=120_000)
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    bar = chart.locator(".bars .point path").first.bounding_box()
    middle = bar["y"] + bar["height"] / 2
    ticks = chart.locator(".yaxislayer-above .ytick text")
    keyword = min((ticks.nth(i) for i in range(ticks.count())),  # the label beside the bar
                  key=lambda tick: abs(tick.bounding_box()["y"] + tick.bounding_box()["height"] / 2 - middle)
                  ).text_content()
    title = {"en": f"Comments that use “{keyword}”", "ko": f"“{keyword}”이(가) 들어간 의견"}[lang]
    heading = page.get_by_text(title, exact=True)
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    heading.wait_for()
    wait_rendered(page, 3)
    # right under the chart clicked, with its comments listed
    assert 0 < heading.bounding_box()["y"] - chart.bounding_box()["y"] < chart.bounding_box()["height"] + 200
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    assert grid["y"] > heading.bounding_box()["y"]
    assert page.locator(EXCEPTION).count() == 0
