"""A survey export through the real file input: read as a survey, and the Key drivers page explains its
label with a logistic model; a file with no valid row is refused and the data stays."""

from __future__ import annotations

from tests.e2e.browser import DESKTOP, EXCEPTION, open_view, wait_rendered
from tests.support.airline import DRIVER, airline_survey, csv_bytes, dated_with_comments

SUCCESS = '[data-testid="stAlertContentSuccess"]'
WARNING = '[data-testid="stAlertContentWarning"]'


def test_a_survey_upload_reads_respondents_and_its_drivers_page_states_the_logistic_model(browser, server, tmp_path):
    path = tmp_path / "airline_passenger_satisfaction.csv"
    path.write_bytes(csv_bytes(airline_survey(600)))
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        open_view(page, server.url + "/upload")
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
        page.wait_for_selector(SUCCESS, timeout=90_000)
        wait_rendered(page)
        assert page.locator(EXCEPTION).count() == 0
        assert "read as a survey: 600 respondents" in page.locator(SUCCESS).first.inner_text()
        # in-app navigation keeps the session (a new URL would be a new session without the upload)
        page.set_viewport_size({"width": 2600, "height": 900})
        page.locator('[data-testid="stTopNavLink"][href*="drivers"]').first.click()
        page.set_viewport_size(DESKTOP)
        page.wait_for_selector("text=logistic model", timeout=90_000)
        wait_rendered(page, min_charts=1)
        assert page.locator(EXCEPTION).count() == 0
        assert f"{DRIVER} matters most to 'satisfaction' = satisfied" in page.content()
    finally:
        context.close()


def test_a_file_with_no_valid_row_is_refused_in_the_browser(browser, server, tmp_path):
    path = tmp_path / "wrong_time.csv"
    path.write_text("journey_id,timestamp,stage,channel\nJ1,어제,s,c\nJ2,오늘,s,c\n", encoding="utf-8")
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        open_view(page, server.url + "/upload")
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
        page.wait_for_selector(WARNING, timeout=90_000)
        wait_rendered(page)
        assert "No row is valid" in page.locator(WARNING).first.inner_text()
        assert page.locator(SUCCESS).count() == 0
        assert page.locator('[data-testid="stAlertContentInfo"]').filter(has_text="wrong_time.csv").count() == 0
    finally:
        context.close()


def test_a_dated_survey_with_comments_offers_its_columns_in_korean(browser, server, tmp_path):
    path = tmp_path / "설문_응답.csv"
    path.write_bytes(csv_bytes(dated_with_comments(airline_survey(300))))
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        open_view(page, server.url + "/upload?lang=ko")
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
        page.wait_for_selector(SUCCESS, timeout=90_000)
        wait_rendered(page)
        assert page.locator(EXCEPTION).count() == 0
        # the survey fields' select boxes, labelled in Korean and set to the columns found by their values
        assert page.locator('input[role="combobox"][aria-label="응답일"]').input_value() == "응답일"
        assert page.locator('input[role="combobox"][aria-label="의견"]').input_value() == "기타 의견"
        assert page.locator('input[role="combobox"][aria-label="응답자 ID"]').input_value() == "id"
        assert "자유 서술이 있어 응답자 의견으로 읽었습니다" in page.content()
    finally:
        context.close()
