"""What the browser tests do to a page: wait for a finished run, read KPIs, list pages, take screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # playwright is imported lazily, so a machine without it skips instead of failing collection
    from playwright.sync_api import Page

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
APP = '[data-testid="stApp"]'
EXCEPTION = '[data-testid="stException"]'
ERROR_BOX = '[data-testid="stAlertContentError"]'  # st.error: e.g. layout.guard's box for a failed chart
CHART = '[data-testid="stPlotlyChart"]'
PLOT = ".js-plotly-plot"
ROOT_URL_LINK = '[data-testid="stTopNavLink"]'  # the first is the default page (the overview)


def wait_rendered(page: Page, min_charts: int = 0, timeout_ms: float = 90_000) -> None:
    """Until the script run is over (connected, not running) and every Plotly chart (at least ``min_charts``) has drawn.

    Streamlit loads its Plotly component lazily: right after a run the chart's container may not be
    in the page yet, so a page that should have charts must say how many to wait for.
    """
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]',
                           timeout=timeout_ms)
    # a page has drawn something of its own (its title) before it can be judged
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stHeading"]', timeout=timeout_ms)
    # plotly.js draws after the run ends: each chart container gets its .js-plotly-plot
    page.wait_for_function(
        """([chart, plot, least]) => {
             const charts = [...document.querySelectorAll(chart)];
             return charts.length >= least && charts.every(c => c.querySelector(plot));
           }""",
        arg=[CHART, PLOT, min_charts], timeout=timeout_ms)
    # a widget change may start a rerun right after the first one; let it settle once more
    page.wait_for_timeout(300)
    page.wait_for_selector(f'{APP}[data-test-script-state="notRunning"]', timeout=timeout_ms)


def open_view(page: Page, url: str, min_charts: int = 0) -> None:
    page.goto(url)
    wait_rendered(page, min_charts)


def kpi(page: Page, label: str):
    """The value element of the st.metric whose label is exactly ``label``."""
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")))
    return metric.locator('[data-testid="stMetricValue"]')


def first_token(page: Page, label: str) -> str:
    """The KPI's value as printed, without what follows it (an interval such as ±2.4)."""
    return kpi(page, label).inner_text().split()[0]


def expect_kpi(page: Page, label: str, text: str, timeout_ms: float = 90_000) -> None:
    """Poll until the KPI card's value starts with ``text`` (the page reruns after a widget change)."""
    page.wait_for_function(
        """([label, text]) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(m =>
             m.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim() === label &&
             m.querySelector('[data-testid="stMetricValue"]')?.innerText.trim().split(/\\s+/)[0] === text)""",
        arg=[label, text], timeout=timeout_ms)


def page_urls(page: Page) -> list[str]:
    """The dashboard's pages, as the navigation lists them (absolute URLs)."""
    links = page.locator('[data-testid="stTopNavLink"], [data-testid="stSidebarNavLink"]')
    urls: list[str] = []
    for href in links.evaluate_all("els => els.map(e => e.href)"):
        if href not in urls:
            urls.append(href)
    return urls


def slug(url: str) -> str:
    path = url.split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0].strip("/")
    return path or "overview"


def assert_no_exception(page: Page) -> None:
    from playwright.sync_api import expect

    expect(page.locator(EXCEPTION)).to_have_count(0)


def choose(page: Page, label: str, value: str) -> None:
    """Pick ``value`` in the sidebar multiselect labelled ``label``."""
    box = page.locator(f'[data-testid="stSidebar"] input[aria-label="{label}"]')
    box.click()
    page.get_by_role("option", name=value, exact=True).click()
    page.keyboard.press("Escape")


def screenshot(page: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main container, so grow the viewport to its height first."""
    size = page.viewport_size
    # the sidebar counts only when it is on screen (on a phone it is collapsed off to the left)
    height = page.evaluate(
        """() => Math.max(window.innerHeight, ...[...document.querySelectorAll(
                   '[data-testid="stMain"], [data-testid="stSidebarContent"]')]
                 .filter(e => e.getBoundingClientRect().right > 0).map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 8000)})
    try:
        page.wait_for_timeout(400)  # Plotly resizes to the new layout
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)


# Every run of two or more Hangul syllables whose characters lie on more than one line (its client rects at
# different heights): a Korean word broken mid-word (목/표).
_SPLIT_KOREAN_WORDS = r"""(selector) => {
  const split = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = /[\uac00-\ud7a3]{2,}/g;
      for (let m = words.exec(node.textContent); m; m = words.exec(node.textContent)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top / 4)));
        if (lines.size > 1) split.push(`${m[0]} in “${node.textContent.trim().slice(0, 60)}”`);
      }
    }
  }
  return split;
}"""


def split_korean_words(page: Page, selector: str = '[data-testid="stMain"]') -> list[str]:
    """The Korean words in ``selector`` that the browser broke across two lines (each with the text it is in)."""
    return page.evaluate(_SPLIT_KOREAN_WORDS, selector)
