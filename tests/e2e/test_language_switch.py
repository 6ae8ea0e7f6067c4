"""One story in both languages at desktop and phone size: on every event page, switching the language three times
keeps the filters, raises nothing and breaks no Korean word across lines; the fix first is the same stage on the
overview, the Key drivers page and the PDF snapshot."""

from __future__ import annotations

import subprocess
import urllib.parse

import pytest

from i18n import t
from tests.e2e.browser import (
    APP,
    DESKTOP,
    EXCEPTION,
    PHONE,
    open_view,
    page_urls,
    slug,
    split_korean_words,
    wait_rendered,
)

LANGUAGE_BUTTON = {"en": "English", "ko": "한국어"}
SINCE, UNTIL = "2025-10-01", "2025-12-15"
CHANNEL = "모바일 앱"
FILTERS = f"since={SINCE}&until={UNTIL}&channel={CHANNEL}"


def _open_sidebar(page) -> None:
    """On a phone the sidebar starts collapsed: open it (a no-op when it is already open)."""
    expand = page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button')
    if expand.count() and expand.first.is_visible():
        expand.first.click()
        page.wait_for_timeout(400)


def _language_button(page, lang: str):
    return page.locator('[data-testid="stSidebar"]').get_by_role("radio", name=LANGUAGE_BUTTON[lang], exact=True)


def _switch(page, lang: str) -> None:
    _open_sidebar(page)
    _language_button(page, lang).click()
    wait_rendered(page)


def _filters(page) -> dict[str, list[str]]:
    """The filter parameters of the page's URL (the filters mirror themselves there), language left out."""
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    return {k: v for k, v in query.items() if k != "lang"}


@pytest.mark.parametrize("size_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_switching_the_language_three_times_on_every_page_keeps_the_filters(browser, server, size_name, viewport):
    phone = size_name == "phone"
    ctx = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    ctx.set_default_timeout(90_000)
    try:
        page = ctx.new_page()
        open_view(page, server.url + "/")
        urls = [u.split("?", 1)[0] for u in page_urls(page)]
        assert len(urls) >= 10, urls  # every event page
        for url in urls:
            open_view(page, f"{url}?{FILTERS}")
            page.wait_for_selector(APP)
            before = _filters(page)
            assert before.get("since") == [SINCE] and before.get("until") == [UNTIL], slug(url)
            assert before.get("channel") == [CHANNEL], slug(url)
            # each page opens in a new session, in English (no lang= in its URL): the first switch is a change
            _open_sidebar(page)
            assert _language_button(page, "en").is_checked(), f"{slug(url)} did not open in English"
            for lang in ("ko", "en", "ko"):  # each page in both languages, switched three times
                _switch(page, lang)
                where = f"{slug(url)} at {size_name} size after switching to {lang}"
                assert _language_button(page, lang).is_checked(), where
                assert page.locator(EXCEPTION).count() == 0, where
                assert _filters(page) == before, f"{where}: the filters changed"
                assert split_korean_words(page) == [], where
    finally:
        ctx.close()


def _verdict(text: str, lang: str) -> str:
    """The fix first's head in ``text`` (a page's or the PDF's): "Fix first: 본인인증" or the no-single-fix sentence's
    first words; "" when the text has neither."""
    flat = " ".join(text.split())
    prefix = t("headline_fix_lowest_pain", lang=lang).split("{stage}")[0].strip()
    none = t("headline_fix_none", lang=lang).split(":")[0]
    if prefix in flat:
        stage = flat[flat.index(prefix) + len(prefix):].lstrip().split(".")[0]
        return f"{prefix} {stage}"
    return none if none in flat else ""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_fix_first_is_the_same_stage_on_the_overview_the_key_drivers_page_and_the_pdf(browser, server, lang,
                                                                                         tmp_path):
    ctx = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    ctx.set_default_timeout(180_000)
    try:
        page = ctx.new_page()
        open_view(page, f"{server.url}/?lang={lang}&{FILTERS}", min_charts=1)
        main = page.locator('[data-testid="stMain"]')
        overview = _verdict(main.inner_text(), lang)
        with page.expect_download() as download:
            main.locator('[data-testid="stDownloadButton"] button', has_text=t("pdf_button", lang=lang)).click()
        pdf = tmp_path / f"summary-{lang}.pdf"
        download.value.save_as(pdf)
        in_pdf = _verdict(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                         check=True).stdout, lang)
        drivers_url = next(u for u in page_urls(page) if slug(u) == "drivers").split("?", 1)[0]
        open_view(page, f"{drivers_url}?lang={lang}&{FILTERS}", min_charts=1)
        drivers = _verdict(page.locator('[data-testid="stMain"]').inner_text(), lang)
        assert overview and (overview, drivers, in_pdf) == (overview, overview, overview)
    finally:
        ctx.close()
