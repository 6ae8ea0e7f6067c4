"""The Upload page with a survey export and the refusals: the reading and its switch, a preview, fields in
the UI language, templates, messages without command-line flags, a stopped load, the Key drivers page on a survey."""

from __future__ import annotations

import polars as pl

from tests.pages.conftest import PAGES
from tests.support.airline import DRIVER, RATINGS, airline_survey, csv_bytes, dated_with_comments, korean
from tests.support.markdown import shown
from ui import upload as session

ROWS = 400
DRIVERS = str(PAGES / "drivers.py")
OVERVIEW = str(PAGES / "overview.py")


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def _texts(at) -> list[str]:
    """Every text on the page as a reader sees it (markdown escapes removed)."""
    return [shown(x.value) for x in (*at.markdown, *at.warning, *at.error, *at.info, *at.success, *at.caption)]


def _korean(at):
    """The session in Korean, switched on the upload page (AppTest formats a select box's options in the test's
    language, so a Korean run that starts on the overview, with its period select box, cannot be driven)."""
    at.session_state["lang"] = "ko"
    return at.run()


def _upload(at, name: str, data: bytes):
    at.file_uploader[0].upload(name, data, "text/csv").run()
    return at


def test_a_survey_export_is_read_as_a_survey_with_its_ratings_and_outcome(app, telco_path):
    wide = airline_survey(ROWS)
    at = _upload(app(telco_path, page="upload.py"), "airline.csv", csv_bytes(wide))
    assert _problems(at) == []
    assert at.radio(key=next(r.key for r in at.radio if r.key.startswith("upload.reading."))).value == \
        "Survey (one row per respondent)"
    ds = at.session_state["dataset"]
    assert ds.journeys == ROWS
    assert list(ds.stage_order) == RATINGS
    assert any(shown(s.value).startswith(f"airline.csv read as a survey: {ROWS} respondents") for s in at.success)
    assert "Outcome: 'satisfaction', a label; 'satisfied' is the positive value (a logistic model explains it)." in \
        [shown(c.value) for c in at.caption]
    ratings = next(d.value for d in at.dataframe if "Rating column" in d.value.columns)
    assert ratings["Rating column"].tolist() == RATINGS
    assert set(ratings["Scale"]) == {"1–5"}
    preview = at.dataframe[0].value
    assert list(preview.columns)[:3] == ["Unnamed: 0", "id", "Gender"] and len(preview) == 5
    assert not any("--" in text or "report.py" in text for text in _texts(at))


def test_switching_to_events_names_every_missing_field_in_the_ui_language(app, telco_path):
    at = _upload(_korean(app(telco_path, page="upload.py")), "airline.csv", csv_bytes(airline_survey(ROWS)))
    key = next(r.key for r in at.radio if r.key.startswith("upload.reading."))
    at.radio(key=key).set_value("이벤트 (한 행 = 한 접점)").run()
    assert _problems(at) == []
    assert shown(at.warning[0].value) == ("여정 ID, 일시, 여정 단계, 채널에 해당하는 열을 찾지 못했습니다. 필수 항목이니 아래에서 각각 "
                                   "열을 고르세요.")
    labels = [s.label for s in at.selectbox if s.key.startswith("upload.map.")]
    assert {"여정 ID (필수)", "일시 (필수)", "여정 단계 (필수)", "채널 (필수)", "추천 의향(NPS, 0–10)"} <= set(labels)
    assert not any(label.startswith(("journey_id", "timestamp")) for label in labels)
    assert not any("--" in text or "report.py" in text for text in _texts(at))
    at.radio(key=key).set_value("설문 (한 행 = 한 응답자)").run()
    assert _problems(at) == []
    assert at.session_state["upload"].survey.respondents == ROWS


def test_the_korean_cp949_export_reads_the_same_in_korean(app, telco_path):
    at = _upload(_korean(app(telco_path, page="upload.py")), "항공.csv", csv_bytes(korean(airline_survey(ROWS)), "cp949"))
    assert _problems(at) == []
    assert at.session_state["dataset"].journeys == ROWS
    assert any(shown(s.value).startswith(f"항공.csv을(를) 설문으로 읽었습니다: 응답자 {ROWS}명") for s in at.success)
    assert "결과: '만족도', 두 값 레이블. '만족'을(를) 긍정 값으로 봅니다(로지스틱 모형으로 설명)." in [shown(c.value) for c in at.caption]


def test_the_user_chooses_another_outcome(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "airline.csv", csv_bytes(airline_survey(ROWS)))
    box = next(s for s in at.selectbox if s.key.startswith("upload.outcome."))
    box.set_value(2 + list(airline_survey(ROWS).columns).index("Cleanliness")).run()
    assert _problems(at) == []
    o = at.session_state["upload"].survey.outcome
    assert (o.column, o.kind) == ("Cleanliness", "score")
    assert "Cleanliness" not in at.session_state["dataset"].stage_order


def test_the_key_drivers_page_states_the_logistic_model_of_the_label(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "airline.csv", csv_bytes(airline_survey(1200)))
    at.switch_page(DRIVERS).run()
    assert _problems(at) == []
    texts = _texts(at)
    assert any("logistic model" in text and "'satisfaction' = satisfied" in text for text in texts)
    table = next(d.value for d in at.dataframe if "Stage" in d.value.columns)
    assert table["Stage"].iloc[0] == DRIVER
    assert not any(h.value == "Effect of a channel handoff" for h in at.subheader)  # no handoffs: no section


def test_the_overview_of_a_survey_has_no_duration_or_handoff_card_and_says_why(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "airline.csv", csv_bytes(airline_survey(ROWS)))
    at.switch_page(OVERVIEW).run()
    assert _problems(at) == []
    values = {m.label: m.value for m in at.metric}
    assert "Median time" not in values and "Handoff rate %" not in values and "CES (1–7)" not in values
    assert values["Respondents"] == f"{ROWS:,}"
    assert any("a survey row has no event times" in text for text in _texts(at))


def test_a_file_with_no_valid_row_is_refused_and_the_data_stays(app, telco_path):
    text = "journey_id,timestamp,stage,channel\nJ1,어제,s,c\nJ2,오늘,s,c\n".encode()
    at = _upload(app(telco_path, page="upload.py"), "wrong.csv", text)
    assert list(at.exception) == []
    assert [shown(w.value) for w in at.warning] == [
        "No row is valid (first: row 2, timestamp '어제' is not a date and time); check which column feeds each field."]
    assert not any(b.key == "upload.load_anyway" for b in at.button)
    assert "dataset" not in at.session_state


def test_one_column_for_two_fields_is_refused_in_korean_with_the_fields_names(app, telco_path):
    text = b"journey_id,when,stage,channel\nJ1,2026-03-01 09:00,s,c\n"
    at = _upload(_korean(app(telco_path, page="upload.py")), "x.csv", text)
    assert "값으로 보아 'when' 열이 일시인 것 같습니다(미리 선택함)." in shown(at.warning[0].value)
    assert at.selectbox(key="upload.map.timestamp").value == "when"  # the suggestion is preselected
    at.selectbox(key="upload.map.channel").set_value("stage")
    next(b for b in at.button if b.label == "이 연결로 불러오기").click().run()
    assert [shown(e.value) for e in at.error] == [
        "'stage' 열을 여정 단계와(과) 채널 모두에 골랐습니다. 한 열은 한 항목에만 연결할 수 있습니다 (여정 ID와 고객 ID만 같은 열을 "
        "쓸 수 있습니다)."]


def test_the_customer_id_column_may_also_be_the_journey_id(app, telco_path):
    text = "고객ID,일시,단계,채널\nC1,2026-03-01 09:00,a,앱\nC1,2026-03-01 10:00,b,웹\nC2,2026-03-02 09:00,a,앱\n".encode()
    at = _upload(_korean(app(telco_path, page="upload.py")), "x.csv", text)
    assert at.selectbox(key="upload.map.customer_id").value == "고객ID"
    assert "필수 항목입니다. 이 값이 든 열을 고르세요." in [shown(c.value) for c in at.caption]  # next to 여정 ID
    at.selectbox(key="upload.map.journey_id").set_value("고객ID")
    next(b for b in at.button if b.label == "이 연결로 불러오기").click().run()
    assert _problems(at) == []
    assert at.session_state["dataset"].journeys == 2


def test_a_typo_in_a_header_is_taken_and_said_next_to_its_field(app, telco_path):
    text = b"jouney_id,timestamp,stage,chanel\nJ1,2026-03-01 09:00,s,app\nJ2,2026-03-01 10:00,s,web\n"
    at = _upload(_korean(app(telco_path, page="upload.py")), "x.csv", text)
    assert _problems(at) == []
    assert at.session_state["dataset"].journeys == 2
    assert "'chanel' 열을 채널(으)로 읽었습니다. 머리글이 이 항목 이름의 오타로 보입니다." in _texts(at)
    assert "'jouney_id' 열로 읽었습니다 (머리글이 이 항목 이름의 오타로 보입니다)." in [shown(c.value) for c in at.caption]


def test_the_page_says_an_upload_lives_in_this_tab_only(app, telco_path):
    at = app(telco_path, page="upload.py")
    assert any(c.value.startswith("An upload lives in this browser tab only") for c in at.caption)


def test_both_templates_download_and_load_as_their_reading():
    import ingest

    events = ingest.load(session.template("events"), name="events.csv")
    assert events.survey is None and events.events.height == 3
    surveyed = ingest.load(session.template("survey"), name="survey.csv")
    assert surveyed.survey.outcome.kind == "nps"
    assert [r.column for r in surveyed.survey.ratings] == ["온라인 예약", "체크인", "기내 서비스", "좌석 편안함"]
    assert surveyed.quarantine.height == 0
    assert pl.DataFrame(surveyed.events)["journey_id"].n_unique() == 3


def test_the_page_offers_both_templates(app, telco_path):
    at = app(telco_path, page="upload.py")
    ids = [b.proto.id for b in at.get("download_button")]
    assert any(i.endswith("upload.template.events") for i in ids)
    assert any(i.endswith("upload.template.survey") for i in ids)


def test_rating_columns_can_be_put_into_stages_on_the_page(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "airline.csv", csv_bytes(airline_survey(ROWS)))
    boxes = {box.label: box for box in at.text_input if box.key.startswith("upload.stage.")}
    for column in ("Food and drink", "Inflight service", "Inflight entertainment"):
        boxes[column].set_value("In flight")
    next(b for b in at.button if b.label == "Apply these stages").click().run()
    assert _problems(at) == []
    ds = at.session_state["dataset"]
    assert "In flight" in ds.stage_order and "Food and drink" not in ds.stage_order
    assert len(ds.stage_order) == len(RATINGS) - 2
    assert ds.journeys == ROWS
    assert at.session_state["upload"].stages == {c: "In flight" for c in ("Food and drink", "Inflight service",
                                                                           "Inflight entertainment")}


def test_the_survey_columns_are_offered_found_by_values_and_can_be_changed_in_korean(app, telco_path):
    wide = dated_with_comments(airline_survey(ROWS))
    at = _upload(_korean(app(telco_path, page="upload.py")), "설문.csv", csv_bytes(wide))
    assert _problems(at) == []
    boxes = {s.key: s for s in at.selectbox if s.key.startswith("upload.survey.")}
    assert [boxes[k].label for k in ("upload.survey.timestamp", "upload.survey.comment", "upload.survey.persona",
                                     "upload.survey.journey_id")] == ["응답일", "의견", "세그먼트", "응답자 ID"]
    assert boxes["upload.survey.timestamp"].value == "응답일" and boxes["upload.survey.comment"].value == "기타 의견"
    assert boxes["upload.survey.journey_id"].value == "id"
    assert any("'기타 의견' 열에 자유 서술이 있어" in w for w in _texts(at))
    boxes["upload.survey.comment"].set_value("(없음)")
    boxes["upload.survey.persona"].set_value("Class")
    next(b for b in at.button if "upload.survey_fields" in b.id).click().run()
    assert _problems(at) == []
    about = at.session_state["upload"].survey
    assert about.comment_column is None and about.persona_column == "Class"
    assert about.timestamp_column == "응답일"
    assert "기타 의견" in about.profile  # declined as the comment: kept as a column of the file
