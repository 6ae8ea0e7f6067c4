"""Access in a real browser: open without secrets (and says so); with [auth], every page URL shows only the sign-in."""

from __future__ import annotations

import pytest

from tests.e2e.browser import DESKTOP, EXCEPTION, PLOT, wait_rendered
from tests.e2e.conftest import run_dashboard

SECRETS = """
[auth]
redirect_uri = "http://127.0.0.1/oauth2callback"
cookie_secret = "e2e-not-a-secret"
client_id = "cxlens-e2e"
client_secret = "e2e"
server_metadata_url = "https://login.invalid/.well-known/openid-configuration"
"""
PAGES = ("", "journey_map", "channels", "duration", "personas", "drivers", "upload", "no-such-page")


@pytest.fixture(scope="module")
def closed_server(workdir, server):
    """A second dashboard whose secrets configure a sign-in provider (never contacted: nobody signs in)."""
    secrets = workdir / "secrets-auth.toml"
    secrets.write_text(SECRETS, encoding="utf-8")
    with run_dashboard(workdir, server.data, "--secrets.files", str(secrets)) as running:
        yield running


def test_without_secrets_the_sidebar_says_access_is_open(page, server):
    page.goto(server.url + "/")
    wait_rendered(page)
    assert "Open access: no sign-in is configured" in page.locator('[data-testid="stSidebar"]').inner_text()


@pytest.mark.parametrize("path", PAGES)
def test_with_a_sign_in_configured_every_page_url_shows_only_the_sign_in(browser, closed_server, artifacts, path):
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        page = ctx.new_page()
        page.goto(f"{closed_server.url}/{path}")
        wait_rendered(page)
        main = page.locator('[data-testid="stMain"]')
        assert main.get_by_role("button", name="Sign in").count() == 1
        assert page.locator('[data-testid="stMetric"], [data-testid="stDataFrame"], [data-testid="stFileUploader"]'
                            ).count() == 0
        assert page.locator(PLOT).count() == 0
        assert page.locator('[data-testid="stMultiSelect"]').count() == 0  # no filter panel: no data values
        assert page.locator(EXCEPTION).count() == 0
        if path == "":
            page.screenshot(path=str(artifacts / "sign-in-desktop-1400x900.png"))
    finally:
        ctx.close()
