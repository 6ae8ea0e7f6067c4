"""A survey shown as a survey: its own pages (questions, segments), the overview's survey headline and cards, and no
event-only section (funnel, channel handoffs, paths, duration) or the one ``survey`` channel, in English and Korean."""

from __future__ import annotations

import pytest

from figures import survey as survey_figures
from store import Filters
from tests.pages.conftest import PAGES, SURVEY_ONLY
from tests.support.airline import airline_survey, csv_bytes, dated_with_comments, korean
from tests.support.markdown import shown

ROWS = 400


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def _texts(at) -> list[str]:
    return [shown(x.value) for x in (*at.markdown, *at.warning, *at.error, *at.info, *at.success, *at.caption,
                                     *at.subheader)]


def _survey(app, telco_path, lang: str = "en"):
    """The dashboard on an uploaded Korean agency export (CP949, 해당없음, 응답일, 추천 의향, 기타 의견)."""
    at = app(telco_path, page="upload.py")
    at.session_state["lang"] = lang
    at.run()
    data = csv_bytes(korean(dated_with_comments(airline_survey(ROWS))), "cp949")
    at.file_uploader[0].upload("설문.csv", data, "text/csv").run()
    assert _problems(at) == []
    return at


def _cells(at) -> set[str]:
    return {str(v) for d in at.dataframe for column in d.value.columns for v in d.value[column].tolist()}


def test_the_korean_overview_of_a_survey_has_its_headline_and_no_event_only_card(app, telco_path):
    at = _survey(app, telco_path, "ko")
    at.switch_page(str(PAGES / "overview.py")).run()
    assert _problems(at) == []
    ds = at.session_state["dataset"]
    about = survey_figures.info(ds)
    texts = _texts(at)
    first = survey_figures.headline_sentences(ds, Filters(), about, survey_figures.drivers(ds, Filters(), about))
    assert [m.text("ko") for m in first][0] in texts
    assert any(t.startswith(f"응답자 {ROWS}명이 ") for t in texts)
    assert any("'추천 의향' NPS는 " in t for t in texts)
    labels = {m.label for m in at.metric}
    assert labels == {"NPS", "CSAT %", "응답자 수"}
    assert "가장 낮게 평가된 문항" in texts
    # the one channel of a survey is no segment of "what changed" and no filter
    assert "survey" not in _cells(at)
    assert not any(m.label == "채널" for m in at.multiselect)


def test_the_questions_page_shows_each_questions_answers_and_top_two_box(app, telco_path):
    at = _survey(app, telco_path)
    at.switch_page(str(PAGES / "questions.py")).run()
    assert _problems(at) == []
    ds = at.session_state["dataset"]
    boxes = survey_figures.top_two_box(ds, Filters(), survey_figures.info(ds))
    shown_boxes = next(d.value for d in at.dataframe if "Top-2-box %" in d.value.columns)
    assert shown_boxes["Question"].tolist() == boxes["question"].to_list()
    assert shown_boxes["Top-2-box %"].tolist() == boxes["top_two_pct"].to_list()
    answers = next(d.value for d in at.dataframe if "Share %" in d.value.columns)
    assert answers.groupby("Question")["Respondents"].sum().to_dict() == dict(
        boxes.select("question", "answers").iter_rows())
    assert {"How each question was answered", "Top-2-box per question"} <= set(_texts(at))


def test_the_segments_page_shows_nps_by_the_chosen_segment(app, telco_path):
    at = _survey(app, telco_path)
    at.switch_page(str(PAGES / "segments.py")).run()
    assert _problems(at) == []
    at.selectbox(key="segments.by").set_value("좌석 등급").run()
    ds = at.session_state["dataset"]
    expected = survey_figures.outcome_by_segment(ds, Filters(), survey_figures.info(ds), "좌석 등급")
    table = next(d.value for d in at.dataframe if "NPS" in d.value.columns)
    assert table["좌석 등급"].tolist() == expected["segment"].to_list()
    assert table["NPS"].tolist() == expected["value"].to_list()
    assert "NPS on '추천 의향' by segment" in _texts(at)


def test_the_voice_of_the_customer_of_a_survey_shows_respondents_comments_without_a_question(app, telco_path):
    at = _survey(app, telco_path)
    at.switch_page(str(PAGES / "voc.py")).run()
    assert _problems(at) == []
    verbatims = next(d.value for d in at.dataframe if "Comment" in d.value.columns)
    assert not {"Stage", "Channel", "Touchpoint", "Satisfaction"} & set(verbatims.columns)
    assert "Split keywords by" not in {s.label for s in at.selectbox}  # no segment column mapped: no split


def test_event_data_keeps_its_cards_and_filters(app, telco_path):
    at = app(telco_path)
    labels = {m.label for m in at.metric}
    assert {"Journeys", "Median time", "Handoff rate %"} <= labels
    assert any(m.label == "Channel" for m in at.multiselect)


def test_a_survey_navigates_its_own_pages_and_not_the_event_only_ones(app, telco_path):
    at = _survey(app, telco_path)
    for page in ("journey_map.py", "channels.py", "duration.py", "journeys.py", "personas.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(str(PAGES / page))
    for page in ("questions.py", "segments.py", "voc.py", "drivers.py", "loop.py", "upload.py"):
        at.switch_page(str(PAGES / page)).run()
        assert _problems(at) == [], page
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # and event data, not the survey's
        app(telco_path).switch_page(str(PAGES / "questions.py"))


@pytest.mark.parametrize("page", SURVEY_ONLY)
def test_no_survey_page_stores_a_download_before_it_is_clicked(app, telco_path, page):
    at = _survey(app, telco_path)
    at.switch_page(str(PAGES / page)).run()
    buttons = list(at.get("download_button"))
    assert buttons
    assert [b.proto.id for b in buttons if b.proto.url or not b.proto.HasField("deferred_file_id")] == []
