"""Every page in a real browser: its charts drawn, no exception, screenshots at desktop and phone size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.browser import DESKTOP, EXCEPTION, PHONE, PLOT, open_view, page_urls, screenshot, slug

# Pages that draw no Plotly chart by design (a form, not a figure).
WITHOUT_CHARTS = {"upload", "loop"}  # the Loop page draws a chart per launched action: none on the sample

# Every page of dashboard.py but the two of survey data only (Questions, Segments) and the admins' Access page: the
# navigation of event data for a person who is not an admin.
PAGE_COUNT = (Path(__file__).resolve().parents[2] / "dashboard.py").read_text(encoding="utf-8").count("st.Page(") - 3


@pytest.fixture(scope="module")
def pages(browser, server) -> list[str]:
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        page = ctx.new_page()
        open_view(page, server.url + "/")
        return page_urls(page)
    finally:
        ctx.close()


def test_the_health_check_answers_ok(server):
    import urllib.request

    with urllib.request.urlopen(server.url + "/_stcore/health", timeout=5) as response:
        assert (response.status, response.read()) == (200, b"ok")


def test_the_navigation_lists_the_overview_and_the_journey_map(pages, server):
    assert [slug(u) for u in pages[:2]] == ["overview", "journey_map"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_has_a_visible_link_in_the_top_navigation_on_a_laptop(browser, server, lang):
    """No page behind an overflow menu at 1400 px (Streamlit names that menu "N more" in English only)."""
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        page = ctx.new_page()
        open_view(page, f"{server.url}/?lang={lang}")
        links = page.locator('[data-testid="stTopNavLink"]')
        visible = [links.nth(i).is_visible() for i in range(links.count())]
        assert len(visible) == PAGE_COUNT and all(visible), visible
        assert page.get_by_text(re.compile(r"^\d+ more$")).count() == 0
    finally:
        ctx.close()


def _save_screenshot(page, url: str, artifacts: Path, size_name: str, viewport: dict) -> None:
    path = artifacts / f"{slug(url)}-{size_name}-{viewport['width']}x{viewport['height']}.png"
    screenshot(page, path)
    assert path.stat().st_size > 10_000, f"{path.name} is (nearly) empty"
    assert page.locator(EXCEPTION).count() == 0


def test_every_page_draws_its_charts_without_an_exception_and_is_saved_as_a_desktop_screenshot(pages, page,
                                                                                                artifacts):
    # one walk for both: the desktop screenshots are of the very views whose charts are counted
    drawn = {}
    for url in pages:
        open_view(page, url, min_charts=0 if slug(url) in WITHOUT_CHARTS else 1)
        assert page.locator(EXCEPTION).count() == 0, f"{slug(url)} shows an exception"
        drawn[slug(url)] = page.locator(PLOT).count()
        _save_screenshot(page, url, artifacts, "desktop", DESKTOP)
    missing = [name for name, n in drawn.items() if n == 0 and name not in WITHOUT_CHARTS]
    assert missing == [], f"pages without a drawn chart: {missing} (charts per page: {drawn})"


def test_every_page_is_saved_as_a_screenshot_at_phone_size(browser, pages, artifacts):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)
    try:
        page = ctx.new_page()
        for url in pages:
            open_view(page, url, min_charts=0 if slug(url) in WITHOUT_CHARTS else 1)
            _save_screenshot(page, url, artifacts, "phone", PHONE)
    finally:
        ctx.close()
