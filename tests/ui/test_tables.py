"""The pages' tables (ui/tables.py): every shown column has a heading in the UI language, values in words."""

import datetime as dt

import polars as pl
import pytest

from ui import tables

PATHS = pl.DataFrame({
    "path": [["인지", "가입"], ["인지"]], "path_text": ["인지 → 가입", "인지"], "journeys": [60, 40],
    "share": [60.0, 40.0], "nps": [12.5, None], "nps_low": [2.0, None], "nps_high": [22.0, None],
    "responses": [40, 3], "low_sample": [False, True], "median_journey_hours": [5.0, 1.5], "extra": [1, 2]})
OVER = pl.DataFrame({"path": ["인지 → 가입"], "detractors": [30], "promoters": [5], "detractor_share": [30.0],
                     "promoter_share": [5.0], "ratio": [6.0], "p_value": [0.001], "q_value": [0.002],
                     "significant": [True], "low_sample": [False]})
EDGES = pl.DataFrame({"from": ["인지"], "to": ["가입"], "count": [50], "journeys": [45], "median_hours": [2.5],
                      "nps": [10.0], "responses": [40], "low_sample": [False], "index": [0]})
EVENTS = pl.DataFrame({"timestamp": [dt.datetime(2026, 3, 1, 9)], "gap_hours": [None], "stage": ["인지"],
                       "channel": ["앱"], "touchpoint": ["광고"], "satisfaction": [4], "ces": [None], "nps": [None],
                       "comment": ["빨라요"], "customer_id": ["C-01"]}, schema_overrides={"gap_hours": pl.Float64})
OTHERS = pl.DataFrame({"journey_id": ["J-1"], "first_ts": [dt.datetime(2026, 3, 1)], "duration_hours": [3.5],
                       "handoffs": [1], "nps": [9], "stage_path": ["인지 → 가입"], "channel_path": ["앱"]})
ALERTS = pl.DataFrame({"dimension": ["channel", "region"], "value": ["앱", "all"], "metric": ["nps", "csat"],
                       "previous": [10.0, 70.0], "current": [-5.0, 72.0], "change": [-15.0, 2.0],
                       "p_value": [0.001, 0.04], "q_value": [0.01, 0.04], "rate": [-14.0, 2.0], "mix": [-1.0, 0.0],
                       "n_previous": [200, 900], "n_current": [210, 950], "segment_key": ["x", "y"]})

TABLES = {
    "paths": lambda: tables.paths(PATHS, "stage"),
    "detractor_paths": lambda: tables.detractor_paths(OVER, "channel"),
    "transitions": lambda: tables.transitions(EDGES, "touchpoint"),
    "episode": lambda: tables.episode(EVENTS, "J-1"),
    "customer_journeys": lambda: tables.customer_journeys(OTHERS, "C-01"),
    "alerts": lambda: tables.alerts(ALERTS, "en"),
    "detractors": lambda: tables.detractors(pl.DataFrame({"customer_id": ["C-01"], "nps": [3], "comment": ["별로"]})),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_shown_column_has_a_heading_and_every_format_a_column(name):
    table = TABLES[name]()
    assert set(table.labels) == set(table.frame.columns)
    assert set(table.formats) <= set(table.frame.columns)
    assert table.file_name.endswith(".csv")


def test_a_table_shows_only_its_columns_and_names_its_file_by_kind():
    paths = tables.paths(PATHS, "stage")
    assert paths.frame.columns[0] == "path_text" and "extra" not in paths.frame.columns
    assert (paths.file_name, tables.transitions(EDGES, "touchpoint").file_name) == ("paths_stage.csv",
                                                                                  "transitions_touchpoint.csv")
    assert tables.customer_journeys(OTHERS, "C-01").file_name == "customer_C-01.csv"


def test_alerts_name_dimension_and_metric_in_words():
    assert tables.alerts(ALERTS, "en").frame["dimension"].to_list() == ["channel", "Region"]
    assert tables.alerts(ALERTS, "ko").frame["dimension"].to_list() == ["채널", "지역"]
    assert tables.alerts(ALERTS, "en").frame["metric"].to_list() == ["NPS", "CSAT"]


def test_the_detractors_comment_is_headed_as_masked():
    assert tables.detractors(pl.DataFrame({"customer_id": ["C-01"], "comment": ["x"]})).labels == {
        "customer_id": "Customer", "comment": "Comment (masked)"}


@pytest.mark.parametrize("lang, event, who, item", [
    ("en", "change", "E-mail or name", "File or record"),
    ("ko", "변경", "이메일 또는 이름", "파일 또는 기록"),
])
def test_a_write_on_the_audit_trail_reads_as_a_change_of_a_record(lang, event, who, item):
    from loop.audit import AUDIT_COLUMNS

    trail = pl.DataFrame([
        {"at": dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), "event": "export", "email": "kim@bank.co.kr",
         "role": "user", "scope": "all", "filters": "{}", "item": "events.parquet", "rows": 3, "detail": ""},
        {"at": dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC), "event": "write", "email": "lee", "role": "user",
         "scope": "all", "filters": "", "item": "case 12", "rows": None, "detail": "status: open → contacted"}],
        schema=AUDIT_COLUMNS, orient="row")
    table = tables.audit_trail(trail, lang)
    shown = table.frame.rename(table.labels)
    assert shown[who].to_list() == ["lee", "kim@bank.co.kr"] and shown[item].to_list() == ["case 12", "events.parquet"]
    assert shown.row(0, named=True)[tables.t("audit_col_event", lang)] == event
    assert table.column_order[:5] == ["at", "event", "email", "item", "detail"]  # who did what, before the rest
