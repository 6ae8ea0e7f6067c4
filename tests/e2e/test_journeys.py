"""The Journeys page in a real browser: clicking a path bar drills down (URL and list change), clearing undoes it,
clicking a transition's dot lists its journeys, and a row of the journey list opens its episode (en and ko)."""

from __future__ import annotations

import urllib.parse

import pytest

from figures import journeys as journeys_figures
from store import Filters, open_dataset
from store import episodes as store_episodes
from tests.e2e.browser import EXCEPTION, open_view, wait_rendered

INFO = '[data-testid="stAlertContentInfo"]'


@pytest.fixture(scope="module")
def dataset(server):
    return open_dataset(str(server.data))


def _query(page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def _click(page, locator) -> None:
    # Plotly's drag layer covers the bars: click where the element is, as a person would
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _wait_url(page, fragment: str, present: bool = True) -> None:
    page.wait_for_function("([f, p]) => decodeURIComponent(location.search).includes(f) === p",
                           arg=[fragment, present], timeout=60_000)
    wait_rendered(page, 2)


def _count_caption(page) -> str:
    return page.locator('[data-testid="stCaptionContainer"]', has_text=" journeys listed").first.inner_text()


def test_clicking_a_path_bar_lists_its_journeys_changes_the_url_and_clear_undoes_it(page, server, dataset):
    paths = journeys_figures.path_table(dataset, Filters(), "stage")
    second = paths.row(1, named=True)
    open_view(page, server.url + "/journeys", min_charts=2)
    bars = page.locator('[data-testid="stPlotlyChart"]').first.locator(".barlayer .point path")
    _click(page, bars.nth(1))
    _wait_url(page, "drill_kind=stage")
    assert _query(page)["drill_path"] == second["path"]
    assert " → ".join(second["path"]) in page.locator(INFO).first.inner_text()
    assert _count_caption(page).endswith(f"of {second['journeys']:,} journeys listed.")
    page.get_by_role("button", name="Clear", exact=True).click()
    _wait_url(page, "drill_kind", present=False)
    assert _count_caption(page).endswith(f"of {dataset.journeys:,} journeys listed.")
    assert page.locator(EXCEPTION).count() == 0


def test_clicking_a_transition_lists_the_journeys_that_take_it(page, server, dataset):
    edges = journeys_figures.transition_table(dataset, Filters(), "stage")
    open_view(page, server.url + "/journeys", min_charts=2)
    dots = page.locator('[data-testid="stPlotlyChart"]').nth(1).locator(".scatterlayer .trace").nth(edges.height) \
        .locator(".point")
    _click(page, dots.first)
    _wait_url(page, "drill_from=")
    first = edges.row(0, named=True)
    assert (_query(page)["drill_from"], _query(page)["drill_to"]) == ([first["from"]], [first["to"]])
    taking = store_episodes.count_journeys(dataset, Filters(), transition=("stage", first["from"], first["to"]))
    assert taking == first["journeys"]
    assert _count_caption(page).endswith(f"of {taking:,} journeys listed.")


def test_the_touchpoint_map_opens_from_its_switch_and_a_dot_lists_the_journeys_of_that_touchpoint_transition(
        page, server, dataset):
    edges = journeys_figures.transition_table(dataset, Filters(), "touchpoint")
    first = edges.row(0, named=True)
    open_view(page, server.url + "/journeys?lang=ko", min_charts=2)
    page.get_by_role("radio", name="접점", exact=True).click()
    wait_rendered(page, 2)
    drawn = min(edges.height, 30)  # the map draws the 30 most frequent arrows, then the dots
    dots = page.locator('[data-testid="stPlotlyChart"]').nth(1).locator(".scatterlayer .trace").nth(drawn) \
        .locator(".point")
    _click(page, dots.first)
    _wait_url(page, "drill_from=")
    assert _query(page)["drill_kind"] == ["touchpoint"]
    assert (_query(page)["drill_from"], _query(page)["drill_to"]) == ([first["from"]], [first["to"]])
    assert f"접점 전환 {first['from']} → {first['to']}" in page.locator(INFO).first.inner_text()
    taking = store_episodes.count_journeys(dataset, Filters(), transition=("touchpoint", first["from"], first["to"]))
    assert taking == first["journeys"]
    caption = page.locator('[data-testid="stCaptionContainer"]', has_text="건 표시").first.inner_text()
    assert f"여정 {taking:,}건 중" in caption
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_row_of_the_journey_list_opens_its_episode(page, server, dataset, lang):
    first = store_episodes.journey_list(dataset, Filters(), "nps", False, 1).row(0, named=True)
    open_view(page, server.url + f"/journeys?lang={lang}", min_charts=2)
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box, below the header
    _wait_url(page, "journey=")
    assert _query(page)["journey"] == [first["journey_id"]]
    heading = {"en": "Episode: journey ", "ko": "에피소드: 여정 "}[lang] + first["journey_id"]
    page.get_by_role("heading", name=heading).wait_for(timeout=30_000)
    wait_rendered(page, 3)  # the episode's timeline too
    assert page.locator(EXCEPTION).count() == 0


def test_clicking_a_funnel_bar_filters_to_its_stage_shows_it_and_clears_in_one_click(page, server, dataset):
    stage = dataset.stage_order[1]
    open_view(page, server.url + "/journey_map?lang=ko", min_charts=2)
    bars = page.locator('[data-testid="stPlotlyChart"]').nth(1).locator(".barlayer .point path")
    _click(page, bars.nth(1))
    _wait_url(page, "stage=")
    assert _query(page)["stage"] == [stage]
    assert f"단계 {stage}" in page.locator(INFO).first.inner_text()
    page.get_by_role("button", name="해제", exact=True).click()
    _wait_url(page, "stage=", present=False)
    assert page.locator(INFO).count() == 0
    assert page.locator(EXCEPTION).count() == 0
