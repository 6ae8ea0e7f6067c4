"""In Chromium: an upload whose values and file name are markup draws no link, image or request."""

from __future__ import annotations

from tests.e2e.browser import DESKTOP, EXCEPTION, ROOT_URL_LINK, open_view, wait_rendered

NAME = "![b](https:evil.example) [Click to re-verify](www.evil.example).csv"
ROWS = ["journey_id,timestamp,stage,channel,touchpoint,persona,satisfaction,nps"]
for j in range(40):
    persona = ["![b](http://evil.example/beacon.png)", "[Click to re-verify](http://evil.example/login)"][j % 2]
    ROWS += [f"J{j:03d},2026-03-{1 + j % 28:02d} 09:00,가입 [상담](http://evil.example/s),"
             f"\"<a href='http://evil.example'>ATM</a>\",**본인인증** www.evil.example,\"{persona}\",{1 + j % 5},{j % 11}",
             f"J{j:03d},2026-03-{1 + j % 28:02d} 10:00,이용,앱,로그인,\"{persona}\",{1 + (j + 2) % 5},"]
CSV = ("\n".join(ROWS) + "\n").encode()
LIVE = ('a[href*="evil.example"], img[src*="evil.example"], [data-testid="stMain"] strong:text-is("본인인증"), '
        '.js-plotly-plot a')


def test_an_upload_of_markup_shows_it_as_text_on_every_page(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    requests: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url) if "evil.example" in r.url else None)
        open_view(page, server.url + "/upload")
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            {"name": NAME, "mimeType": "text/csv", "buffer": CSV})
        page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=90_000)
        wait_rendered(page)
        assert NAME in page.locator('[data-testid="stAlertContentSuccess"]').inner_text().replace("\u2060", "")
        links = page.locator('[data-testid="stTopNavLink"]')
        for i in range(links.count()):
            links.nth(i).click()  # in-app navigation keeps the session and its upload
            wait_rendered(page)
            assert page.locator(EXCEPTION).count() == 0
            assert page.locator(LIVE).evaluate_all("els => els.map(e => e.outerHTML.slice(0, 300))") == [], page.url
            assert NAME in page.locator('[data-testid="stSidebar"]').inner_text().replace("\u2060", "")
        page.locator(ROOT_URL_LINK).first.click()
        wait_rendered(page, min_charts=1)
        assert requests == []
    finally:
        context.close()
