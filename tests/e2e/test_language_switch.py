"""Switching the language back and forth on every page, at desktop and phone size: no exception, filters unchanged."""

from __future__ import annotations

import urllib.parse

import pytest

from tests.e2e.browser import APP, DESKTOP, EXCEPTION, PHONE, open_view, page_urls, slug, wait_rendered

LANGUAGE_BUTTON = {"en": "English", "ko": "한국어"}
SINCE, UNTIL = "2025-10-01", "2025-12-15"


def _open_sidebar(page) -> None:
    """On a phone the sidebar starts collapsed: open it (a no-op when it is already open)."""
    expand = page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button')
    if expand.count() and expand.first.is_visible():
        expand.first.click()
        page.wait_for_timeout(400)


def _switch(page, lang: str) -> None:
    _open_sidebar(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name=LANGUAGE_BUTTON[lang], exact=True).click()
    wait_rendered(page)


def _filters(page) -> dict[str, list[str]]:
    """The filter parameters of the page's URL (the filters mirror themselves there), language left out."""
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    return {k: v for k, v in query.items() if k != "lang"}


@pytest.mark.parametrize("size_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_switching_the_language_three_times_on_every_page_keeps_the_filters(browser, server, size_name, viewport):
    ctx = browser.new_context(viewport=viewport, is_mobile=size_name == "phone", has_touch=size_name == "phone")
    ctx.set_default_timeout(90_000)
    try:
        page = ctx.new_page()
        open_view(page, server.url + "/")
        urls = [u.split("?", 1)[0] for u in page_urls(page)]
        for url in urls:
            open_view(page, f"{url}?since={SINCE}&until={UNTIL}&channel=모바일 앱")
            page.wait_for_selector(APP)
            before = _filters(page)
            assert before.get("since") == [SINCE] and before.get("until") == [UNTIL], slug(url)
            for lang in ("ko", "en", "ko"):
                _switch(page, lang)
                assert page.locator(EXCEPTION).count() == 0, f"{slug(url)} after switching to {lang}"
                assert _filters(page) == before, f"{slug(url)}: filters changed after switching to {lang}"
            _switch(page, "en")
    finally:
        ctx.close()
