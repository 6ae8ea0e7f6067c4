"""An upload through the real file input changes that browser session only."""

from __future__ import annotations

import subprocess
import sys

import pytest

from store import Filters, open_dataset
from tests.e2e.browser import DESKTOP, EXCEPTION, ROOT_URL_LINK, expect_kpi, first_token, open_view, wait_rendered
from tests.e2e.conftest import ROOT
from tests.support.cards import card_figures


@pytest.fixture(scope="module")
def upload_file(tmp_path_factory):
    """A small, different dataset: 300 journeys of the generator with another seed."""
    path = tmp_path_factory.mktemp("upload") / "branch_survey.parquet"
    subprocess.run([sys.executable, "-m", "sample_data.generate", "--journeys", "300", "--seed", "11",
                    "--out", str(path)], cwd=ROOT, check=True, capture_output=True)
    return path


def test_an_upload_changes_this_session_only_while_another_session_keeps_the_default_data(
        browser, server, upload_file):
    default = card_figures(open_dataset(str(server.data)), Filters())
    uploaded = card_figures(open_dataset(str(upload_file)), Filters())
    assert uploaded["journeys"] != default["journeys"]
    mine, other = browser.new_context(viewport=DESKTOP), browser.new_context(viewport=DESKTOP)
    try:
        page, other_page = mine.new_page(), other.new_page()
        open_view(other_page, server.url + "/", min_charts=1)
        assert first_token(other_page, "Journeys") == f"{default['journeys']:,}"

        open_view(page, server.url + "/upload")
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload_file))
        page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=90_000)
        wait_rendered(page)
        assert page.locator(EXCEPTION).count() == 0
        page.locator(ROOT_URL_LINK).first.click()  # in-app navigation: the same session
        expect_kpi(page, "Journeys", f"{uploaded['journeys']:,}")
        wait_rendered(page, min_charts=1)
        assert first_token(page, "NPS") == f"{uploaded['nps']:.1f}"
        assert "branch_survey.parquet" in page.content()  # the banner names the upload

        # the other session, before and after a reload (a new session), still sees the default data
        other_page.locator(ROOT_URL_LINK).first.click()
        expect_kpi(other_page, "Journeys", f"{default['journeys']:,}")
        other_page.reload()
        wait_rendered(other_page, min_charts=1)
        assert first_token(other_page, "Journeys") == f"{default['journeys']:,}"
        assert "branch_survey.parquet" not in other_page.content()
    finally:
        mine.close()
        other.close()
