"""The Upload page offers a survey's weight, responded and sent-date columns (found from Korean headers) and the
survey pages say they are weighted, with the response rate on Segments; choosing no weight makes them unweighted."""

from __future__ import annotations

from tests.pages.conftest import PAGES
from tests.support.markdown import shown
from tests.test_weights_survey import SMALL

ENCODED = SMALL.encode("cp949")


def texts(at) -> list[str]:
    """Every text on the page as a reader sees it (markdown escapes removed), line by line."""
    return [line for x in (*at.markdown, *at.warning, *at.info, *at.success, *at.caption)
            for line in shown(x.value).splitlines()]


def _upload(at, lang: str = "en"):
    if lang == "ko":
        at.session_state["lang"] = "ko"
        at.run()
    at.file_uploader[0].upload("설문.csv", ENCODED, "text/csv").run()
    return at


def _boxes(at) -> dict:
    return {s.key: s for s in at.selectbox if s.key.startswith("upload.survey.")}


def test_the_upload_mapping_offers_the_weight_responded_and_sent_date_columns(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"))
    assert list(at.exception) == [] and [e.value for e in at.error] == []
    boxes = _boxes(at)
    assert boxes["upload.survey.weight"].value == "가중치"
    assert boxes["upload.survey.responded"].value == "응답여부"
    assert boxes["upload.survey.invited"].value == "발송일"
    lines = texts(at)
    assert "Weighted by 가중치 (effective n = 5 of 6 answers)." in " ".join(lines)
    assert "Response rate: 75% (6 of 8 invited answered)." in " ".join(lines)
    # an events mapping asks for none of them
    assert not any(s.key.startswith("upload.map.weight") for s in at.selectbox)
    about = at.session_state["upload"].survey
    assert about.weighted and about.weight_column == "가중치" and about.respondents == 6


def test_choosing_no_weight_column_makes_the_survey_unweighted(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "ko")
    boxes = _boxes(at)
    assert boxes["upload.survey.weight"].label == "가중치"
    boxes["upload.survey.weight"].set_value("(없음)")
    next(b for b in at.button if "upload.survey_fields" in b.id).click().run()
    assert list(at.exception) == []
    about = at.session_state["upload"].survey
    assert not about.weighted and about.weight_column is None
    assert not any("기준으로 가중했습니다" in line for line in texts(at))


def test_the_segments_page_of_a_weighted_survey_says_so_and_shows_the_response_rate(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"))
    at.switch_page(str(PAGES / "segments.py")).run()
    assert list(at.exception) == [] and [e.value for e in at.error] == []
    lines = texts(at)
    assert "Weighted by 가중치 (effective n = 5 of 6 answers)." in lines
    assert "75% of the 8 invited answered (6)." in lines
    assert not any(line.startswith("Who answers changed") for line in lines)  # one month: nothing to compare
    rate = next(d.value for d in at.dataframe if "Invited" in d.value.columns and "Week sent" not in d.value.columns)
    assert rate.to_dict("list") == {"등급": ["골드", "일반"], "Invited": [4, 4], "Responded": [3, 3],
                                    "Response rate %": [75.0, 75.0]}
