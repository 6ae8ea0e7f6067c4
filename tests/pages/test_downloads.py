"""Every download is made when clicked: no page stores a file under a /media URL in advance.

A download button given bytes stores them in Streamlit's media store, served by ``GET /media/<id>`` to
anyone holding the URL for as long as the session shows the button (and a while after it ends); given a
callable it stores nothing until the click, and the file made then is dropped by the next script runs.
"""

from __future__ import annotations

import pytest

from tests.pages.conftest import EVENT_PAGES


def _stored_in_advance(at) -> list[str]:
    buttons = list(at.get("download_button"))
    assert buttons, "the page shows a download"
    return [b.proto.id for b in buttons if b.proto.url or not b.proto.HasField("deferred_file_id")]


@pytest.mark.parametrize("page", EVENT_PAGES)  # the survey pages: tests/pages/test_survey_pages.py
def test_no_page_stores_a_download_before_it_is_clicked(app, telco_path, page):
    at = app(telco_path, page=page)
    assert list(at.exception) == []
    assert _stored_in_advance(at) == []


def test_the_invalid_rows_of_an_upload_are_downloadable_only_on_a_click(app, telco_path):
    at = app(telco_path, page="upload.py")
    csv = b"journey_id,timestamp,stage,channel,nps\nJ1,2026-03-01,s,c,11\nJ1,2026-03-01 10:00,t,c,9\n"
    at.file_uploader[0].upload("점검.csv", csv, "text/csv").run()
    assert any(b.proto.id.endswith("download:invalid_rows.csv") for b in at.get("download_button"))
    assert _stored_in_advance(at) == []
