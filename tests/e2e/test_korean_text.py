"""Korean text in a real browser: words stay whole when a line wraps, and a KPI card's value is not cut off."""

from __future__ import annotations

import pytest

from tests.e2e.browser import DESKTOP, PHONE, open_view, split_korean_words

# Cards and captions of the overview (the KPI cards' targets, the pain points' quotes) and the channels page.
PAGES = ("", "channels")


@pytest.mark.parametrize("size_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_no_korean_word_is_split_across_two_lines(browser, server, size_name, viewport):
    ctx = browser.new_context(viewport=viewport, is_mobile=size_name == "phone", has_touch=size_name == "phone")
    ctx.set_default_timeout(90_000)
    try:
        page = ctx.new_page()
        for name in PAGES:
            open_view(page, f"{server.url}/{name}?lang=ko", min_charts=1)
            assert split_korean_words(page) == [], f"{name or 'overview'} at {size_name} size"
    finally:
        ctx.close()


# The longest value a duration card shows in Korean (hours below 48 h, e.g. 18.2시간) and a journey count.
LONG_VALUES = ("18.2시간", "14,000", "-100.0")


def test_a_long_kpi_value_fits_its_card_at_1400_px(page, server):
    open_view(page, f"{server.url}/?lang=ko", min_charts=1)
    # each card's value replaced by a long one: drawn on one line, as wide as its box at most (no "18.2…")
    fits = page.evaluate(
        """(values) => [...document.querySelectorAll('[data-testid="stMetricValue"]')].flatMap(box =>
             values.map(v => {
               const p = box.querySelector('p');
               p.textContent = v;
               const range = document.createRange();
               range.selectNodeContents(p);
               const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
               const clipped = [p, p.parentElement].some(e => e.scrollWidth > e.clientWidth + 1);
               return [v, range.getBoundingClientRect().width <= box.clientWidth + 1 && lines.size === 1 && !clipped];
             }))""", list(LONG_VALUES))
    assert len(fits) == 6 * len(LONG_VALUES)
    assert [v for v, ok in fits if not ok] == []
