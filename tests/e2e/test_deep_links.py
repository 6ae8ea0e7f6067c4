"""A deep link opened as the very first request of a fresh server lands on its page, through dashboard.py."""

from __future__ import annotations

import urllib.parse

import pytest

from tests.e2e.browser import DESKTOP, EXCEPTION, wait_rendered
from tests.e2e.conftest import run_dashboard


@pytest.mark.parametrize("path, title", [("journey_map", "Journey map"), ("channels", "Channels & handoffs")])
def test_a_deep_link_on_a_fresh_server_shows_its_page_with_the_filter_panel(browser, workdir, server, path, title):
    # A folder named pages/ makes Streamlit run a first deep link as the bare page file (no filters,
    # no sign-in gate) until st.navigation has run once; ui.data._through_entry reroutes it.
    query = urllib.parse.urlencode({"channel": "콜센터"})
    with run_dashboard(workdir, server.data) as fresh:
        ctx = browser.new_context(viewport=DESKTOP)
        try:
            page = ctx.new_page()
            page.goto(f"{fresh.url}/{path}?{query}")
            wait_rendered(page)
            assert page.locator("h1").first.inner_text().strip() == title
            assert page.get_by_text("Page not found").count() == 0
            assert page.locator('[data-testid="stSidebar"]').get_by_text("Filters", exact=True).count() == 1
            assert urllib.parse.urlparse(page.url).path == f"/{path}"
            assert page.locator(EXCEPTION).count() == 0
        finally:
            ctx.close()
