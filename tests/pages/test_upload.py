"""The upload page through AppTest: an uploaded file becomes this session's data, and only this session's."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import polars as pl

import ingest
from errors import DataError
from ingest.schema import CANONICAL
from store import Filters, open_dataset
from tests.pages.conftest import PAGES
from tests.support.markdown import shown
from ui import layout
from ui import upload as session

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
UPLOAD = str(PAGES / "upload.py")
OVERVIEW = str(PAGES / "overview.py")


def _metric(at, label: str) -> str:
    return next(m for m in at.metric if m.label == label).value.split(" ±")[0]


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def _upload(at, name: str, mime: str = "text/csv"):
    at.file_uploader[0].upload(name, (CORPUS / name).read_bytes(), mime).run()
    return at


def _source_journeys(at) -> str:
    """The journeys of the session's data, as the sidebar states them ("Data: … · N journeys")."""
    caption = next(shown(c.value) for c in at.sidebar.caption if "journeys" in shown(c.value))
    return re.search(r"([\d,]+) journeys", caption).group(1)


def test_an_upload_changes_the_overview_of_this_session_only(app, telco_path):
    at = app(telco_path, page="upload.py")
    _upload(at, "cp949_korean.csv")
    assert _problems(at) == []
    assert at.session_state["dataset"].journeys == 3
    assert any("cp949_korean.csv" in shown(i.value) for i in at.info)  # the banner
    at.switch_page(OVERVIEW).run()
    assert _problems(at) == []
    assert _metric(at, "Journeys") == "3"
    assert _metric(at, "NPS") == "33.3"  # promoters 10, 9; detractor 6 of 3 answers
    other = app(telco_path)  # a second browser session: the default data (the cards show the last 30 days)
    assert _source_journeys(other) == "600"
    assert not any("cp949_korean.csv" in shown(i.value) for i in other.info)


def test_a_loaded_file_shows_its_journeys_per_week(app, telco_path):
    # J1 starts Sunday 2026-03-01 (the week of Monday 02-23), J2 and J3 on 03-02 and 03-03 (the week of 03-02)
    at = _upload(app(telco_path, page="upload.py", lang="ko"), "cp949_korean.csv")
    assert _problems(at) == []
    [chart] = at.get("plotly_chart")
    [bars] = json.loads(chart.proto.spec)["data"]
    assert [x[:10] for x in bars["x"]] == ["2026-02-23", "2026-03-02"] and bars["y"] == [1, 2]
    assert any(shown(c.value) == "이 파일의 주별 여정 수: 날짜가 걸친 기간" for c in at.caption)


def test_before_a_file_the_page_shows_the_data_in_use_and_its_weeks(app, telco_path):
    at = app(telco_path, page="upload.py", lang="ko")
    assert _problems(at) == []
    assert any(shown(h.value) == "지금 사용 중인 데이터: telco.parquet" for h in at.subheader)
    [chart] = at.get("plotly_chart")
    [bars] = json.loads(chart.proto.spec)["data"]
    # an independent count: each journey in the week (Monday) of its first touchpoint
    starts = pl.read_parquet(telco_path).group_by("journey_id").agg(pl.col("timestamp").min())
    weekly = starts.group_by(pl.col("timestamp").dt.truncate("1w").dt.date().alias("week")).len().sort("week")
    assert [x[:10] for x in bars["x"]] == [str(d) for d in weekly["week"]] and bars["y"] == weekly["len"].to_list()
    assert sum(bars["y"]) == 600
    _upload(at, "cp949_korean.csv")  # a loaded file: its own weeks only, not the default data's
    assert not any("telco.parquet" in shown(h.value) for h in at.subheader)
    [chart] = at.get("plotly_chart")
    assert json.loads(chart.proto.spec)["data"][0]["y"] == [1, 2]


def test_a_refused_or_unloaded_file_shows_no_weeks(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "image.csv")
    # no weeks of the file: the one chart is the data still in use (the default), under its own heading
    [chart] = at.get("plotly_chart")
    assert sum(json.loads(chart.proto.spec)["data"][0]["y"]) == 600
    assert any(shown(h.value) == "The data in use now: telco.parquet" for h in at.subheader)


def test_the_banner_button_returns_to_the_default_data_and_removes_the_files(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "excel.xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    uploaded = at.session_state["dataset"]
    assert uploaded.journeys == 3
    at.button(key="upload.return").click().run()
    at.switch_page(OVERVIEW).run()
    assert _source_journeys(at) == "600"
    assert not Path(uploaded.files[0]).exists()
    assert not Path(uploaded.facts_dir).exists()


def test_invalid_rows_are_counted_listed_and_downloadable(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "dirty.csv")
    # 7 of 12 rows invalid: the load stops and asks; "Load anyway" loads the 5 valid rows
    assert [shown(w.value) for w in at.warning] == ["7 of 12 rows are invalid (first: row 8, journey_id is missing). So many "
                                             "usually means a wrong column choice: check the mapping, or load the file "
                                             "anyway."]
    assert "dataset" not in at.session_state
    at.button(key="upload.load_anyway").click().run()
    assert _problems(at) == []
    assert at.session_state["dataset"].events == 5
    assert [w.value for w in at.warning] == ["7 rows were left out of every figure. Row = line of the file (the "
                                             "header is line 1)."]
    listed = next(d.value for d in at.dataframe if "Reason" in d.value.columns)
    assert listed["Row"].tolist() == [8, 9, 11, 12, 13, 14, 15]
    assert listed["Column"].tolist() == ["여정ID", "일시", "추천의향", "만족도", "추천의향", "노력도", "채널"]
    downloads = [b.proto.id for b in at.get("download_button")]
    assert any(i.endswith("download:invalid_rows.csv") for i in downloads)
    assert any(i.endswith("upload.parquet") for i in downloads)


def test_the_invalid_rows_csv_neutralises_formulas():
    got = ingest.load(b"journey_id,timestamp,stage,channel,nps\nJ1,2026-03-01,s,c,=1+1\nJ2,2026-03-01,s,c,9\n", "x.csv")
    assert layout.csv_bytes(got.quarantine).decode("utf-8-sig").splitlines() == [
        "row,column,value,reason", "2,nps,'=1+1,nps '=1+1' is not a number"]


def test_the_events_export_is_parquet_of_the_selected_events(tmp_path):
    ds = open_dataset(ingest.write_parquet(ingest.load(CORPUS / "pm4py.csv"), tmp_path / "e.parquet"))
    frame = pl.read_parquet(io.BytesIO(session.events_parquet(ds, Filters.make(channel=["앱"]))))
    assert frame["journey_id"].to_list() == ["J1", "J3"]


def test_an_ambiguous_file_asks_before_loading_and_loads_with_the_chosen_column(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "ambiguous.csv")
    assert [shown(w.value) for w in at.warning] == ["Columns 'date', 'event_time' could all be Date and time; choose one "
                                             "below."]
    assert "dataset" not in at.session_state
    at.selectbox(key="upload.map.timestamp").set_value("event_time")
    at.button[0].click().run()  # the form's submit button
    assert _problems(at) == []
    assert at.session_state["dataset"].journeys == 1
    assert at.session_state["upload"].mapping.columns["timestamp"] == "event_time"


def test_the_mapping_form_lists_the_fields_in_their_order_row_by_row(app, telco_path):
    # rows of four: a phone stacks them in this order (four columns made journey id, customer id, CES, time…)
    at = _upload(app(telco_path, page="upload.py"), "ambiguous.csv")
    # the events fields, without a survey's weight (asked on a survey only)
    assert [s.key for s in at.selectbox if s.key.startswith("upload.map.")] == [f"upload.map.{c}" for c in CANONICAL
                                                                                 if c != "weight"]


def test_a_whole_file_problem_is_one_error_and_keeps_the_data(app, telco_path):
    at = _upload(app(telco_path, page="upload.py"), "image.csv")
    assert list(at.exception) == []
    assert [shown(e.value) for e in at.error] == ["image.csv is not a table: it looks like a PNG image."]
    assert "dataset" not in at.session_state


def test_a_binary_or_empty_file_is_said_in_korean(app, telco_path):
    at = app(telco_path, page="upload.py", lang="ko")
    at.file_uploader[0].upload("bin.csv", b"\x00\x01garbage", "text/csv").run()
    assert [shown(e.value) for e in at.error] == ["bin.csv은(는) 표가 아닙니다: 텍스트가 아닌 바이너리 데이터입니다."]
    at.file_uploader[0].upload("empty.csv", b"", "text/csv").run()
    assert [shown(e.value) for e in at.error] == ["empty.csv 파일이 비어 있습니다."]


def test_the_preview_and_the_invalid_rows_show_personal_data_masked(app, telco_path):
    csv = ("여정ID,일시,단계,채널,추천의향,의견\n"
           "J1,2026-03-01 09:00,가입,앱,9,상담원 연결은 010-1234-5678로 해주세요\n"
           "J1,2026-03-01 10:00,개통,앱,010-9876-5432,kim.minsu@example.com 으로 답장 부탁\n"
           "J2,2026-03-02 11:00,가입,웹,3,\n").encode()
    at = app(telco_path, page="upload.py")
    at.file_uploader[0].upload("의견.csv", csv, "text/csv").run()
    if any(b.key == "upload.load_anyway" for b in at.button):
        at.button(key="upload.load_anyway").click().run()
    assert _problems(at) == []
    cells = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    everything = " ".join(cells)
    for raw in ("010-1234-5678", "010-9876-5432", "kim.minsu@example.com"):
        assert raw not in everything
    preview = next(d.value for d in at.dataframe if "의견" in d.value.columns)
    assert preview["의견"].tolist()[0] == "상담원 연결은 ***-****-****로 해주세요"
    listed = next(d.value for d in at.dataframe if "Reason" in d.value.columns)
    assert listed["Value"].tolist() == ["***-****-****"]


def test_the_preview_is_drawn_before_the_load_and_stays_when_the_load_fails(app, telco_path, monkeypatch):
    def failing_load(raw):
        assert session.current().preview.height == 5 and not session.current().loaded  # taken, not loaded yet
        raise DataError("upload_none")

    monkeypatch.setattr(session, "load_taken", failing_load)
    at = _upload(app(telco_path, page="upload.py"), "cp949_korean.csv")
    assert list(at.exception) == []
    assert [shown(e.value) for e in at.error] == ["No file has been uploaded in this session."]
    assert at.dataframe[0].value["여정ID"].to_list()[:2] == ["J1", "J1"]  # the preview, shown before the load ran
    assert "dataset" not in at.session_state
