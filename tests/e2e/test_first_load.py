"""First load and phone layout in a real browser: nothing fetched from another host, no raw page list, KPI cards
two per row on a phone."""

from __future__ import annotations

from urllib.parse import urlparse

from tests.e2e.browser import PHONE, open_view
from tests.pages.conftest import PAGES

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def test_the_first_load_requests_nothing_from_another_host_and_never_lists_page_files(browser, server):
    ctx = browser.new_context(viewport=PHONE)
    try:
        page = ctx.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(server.url + "/")
        # what the first frames show: Streamlit's own list of pages/ (links labelled by bare file names: dashboard,
        # channels, drivers…) must never appear. On a phone the real navigation (icon + title, e.g. "Overview") is
        # drawn in the sidebar too: that one is fine.
        raw_names = ["dashboard", *(p.stem.replace("_", " ") for p in PAGES.glob("*.py"))]
        raw_list_seen = page.evaluate("""(raw) => new Promise(done => {
            const seen = () => [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
                .some(a => raw.includes(a.innerText.trim()));
            let any = seen();
            const watch = new MutationObserver(() => { any = any || seen(); });
            watch.observe(document.body, {childList: true, subtree: true});
            setTimeout(() => { watch.disconnect(); done(any); }, 4000);
        })""", raw_names)
        open_view(page, server.url + "/", min_charts=1)
        assert raw_list_seen is False
        foreign = sorted({u for u in requested
                          if urlparse(u).scheme in ("http", "https", "ws", "wss")
                          and urlparse(u).hostname not in LOCAL_HOSTS})
        assert foreign == [], f"requests to other hosts: {foreign}"
    finally:
        ctx.close()


def test_overview_cards_sit_two_per_row_on_a_phone(browser, server):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        open_view(page, server.url + "/", min_charts=1)
        boxes = [m.bounding_box() for m in page.locator('[data-testid="stMetric"]').all()]
        assert len(boxes) == 6
        tops = sorted(b["y"] for b in boxes)
        rows = 1 + sum(1 for a, b in zip(tops, tops[1:], strict=False) if b - a > 20)
        assert rows == 3, f"card rows: {[(b['x'], b['y']) for b in boxes]}"
        assert all(b["width"] < PHONE["width"] / 2 for b in boxes)
    finally:
        ctx.close()
