"""In Chromium on the installed Streamlit: ui.text.md shows every hostile value as typed (no link, image, icon, logo,
emphasis, arrow or request) and adds no invisible character to a value that needs none, so copying it gives it back.

It also holds tests/support/markdown.py (the model the fast tests use) to the real renderer: each value the model
calls plain must render as plain text."""

from __future__ import annotations

import json
import os

import pytest

from tests.e2e.conftest import ROOT, run_streamlit
from tests.support.markdown import live_markup
from tests.ui.test_text import HOSTILE
from ui.text import md

PLAIN = ["10:30 상담", "비고: 값 a:b:c", "Kim's 가입 (web/app) 2:05", "2025-05-01 a - b", "상담원 @ 지점", ":smile: :red[긴급]"]
VALUES = HOSTILE + PLAIN
LIVE = ("a, img, [role=img], strong, em, del, code, h1, h2, h3, ol, ul, blockquote, span[class*=Colored], "
        "streamlit-help-icon, .katex")


@pytest.fixture(scope="module")
def markdown_page(workdir):
    values = workdir / "md-values.json"
    values.write_text(json.dumps(VALUES, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "CXLENS_MD_VALUES": str(values), "PYTHONPATH": str(ROOT)}
    with run_streamlit("tests/e2e/markdown_app.py", env, workdir / "markdown.log") as (url, _):
        yield url


def test_md_values_render_as_typed_with_no_markup_and_plain_ones_copy_back_exactly(browser, markdown_page):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    requests: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url) if "evil" in r.url or ":8613" in r.url else None)
        page.goto(markdown_page)
        page.wait_for_selector(f".st-key-value{len(VALUES) - 1}", timeout=90_000)
        page.wait_for_timeout(1000)
        for i, value in enumerate(VALUES):
            assert live_markup(md(value)) == []  # the model agrees with what the browser shows below
            for key in (f"value{i}", f"label{i}"):
                element = page.locator(f".st-key-{key}")
                assert element.inner_text().replace("\u2060", "").strip() == value, (key, value)
                assert element.locator(LIVE).count() == 0, (key, value)
        for value in PLAIN:  # no joiner was needed: a copy is the value itself
            i = VALUES.index(value)
            page.evaluate("""(key) => { const r = document.createRange();
                r.selectNodeContents(document.querySelector('.st-key-' + key + ' [data-testid=stMarkdownContainer]'));
                const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); }""", f"value{i}")
            page.keyboard.press("Control+C")
            assert page.evaluate("() => navigator.clipboard.readText()").strip() == value
            assert "\u2060" not in md(value)
        assert requests == []
    finally:
        context.close()
