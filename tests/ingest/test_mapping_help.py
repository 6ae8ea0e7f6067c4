"""Mapping that helps: every missing column at once, survey aliases, suggestions from values, unused
scores, date + time columns, one column per field, and no load of a file that is mostly invalid."""

from __future__ import annotations

import datetime as dt

import pytest

import ingest
from errors import DataError
from ingest import propose
from ingest.suggest import unused_scores, value_field, with_suggestions


def load(text: str, **kw) -> ingest.Ingested:
    return ingest.load(text.encode(), name="export.csv", **kw)


def test_every_missing_required_column_is_named_in_one_message():
    with pytest.raises(DataError) as e:
        load("고객번호,메모\nC1,x\nC2,y\n", reading="events")
    assert str(e.value) == (
        "The file has no column for 'journey_id', 'timestamp', 'stage' and 'channel', which are required; map them "
        "(report.py: --map journey_id=COLUMN --map timestamp=COLUMN --map stage=COLUMN --map channel=COLUMN).")


@pytest.mark.parametrize(("header", "field"), [
    ("고객여정ID", "journey_id"), ("여정번호", "journey_id"), ("응답자ID", "journey_id"), ("추천점수", "nps"),
    ("추천 의향 점수", "nps"), ("만족점수", "satisfaction"), ("응답일시", "timestamp"),
])
def test_korean_and_survey_aliases_map(header, field):
    assert propose([header]).columns == {field: header}


def test_a_missing_timestamp_is_suggested_from_a_column_of_dates():
    text = "journey_id,when,stage,channel\nJ1,2026-03-01 09:00,s,c\nJ2,2026. 3. 2. 오후 2:05:00,s,c\n"
    with pytest.raises(DataError) as e:
        load(text)
    assert str(e.value) == ("The file has no column for 'timestamp', which is required; from its values, 'when' "
                            "looks like 'timestamp'; map one (report.py: --map timestamp=COLUMN).")


@pytest.mark.parametrize(("values", "field"), [
    (["0", "10", "7", "9"], "nps"), (["1", "5", "3"], "satisfaction"), (["1", "7", "4"], "ces"),
    (["2026-03-01", "2026-03-02"], "timestamp"), (["서울", "부산"], None), (["123", "4567"], None),
])
def test_a_columns_values_suggest_its_field(values, field):
    import polars as pl

    assert value_field(pl.Series("x", values)) == field


def test_suggestions_skip_mapped_columns_and_fields():
    raw = ingest.read_table(b"journey_id,timestamp,stage,channel,score,nps\nJ1,2026-03-01,s,c,4,9\n"
                            b"J2,2026-03-01,s,c,2,3\n", "x.csv")
    assert with_suggestions(raw, propose(raw.columns)).suggested == {"satisfaction": "score"}


def test_an_unmapped_score_column_is_listed_as_unused_never_silently_ignored():
    got = load("journey_id,timestamp,stage,channel,추천점수2,nps\nJ1,2026-03-01,s,c,10,9\nJ2,2026-03-01,s,c,0,3\n"
               "J3,2026-03-01,s,c,8,10\n")
    assert got.unused == (("추천점수2", "0–10"),)
    clean = load("journey_id,timestamp,stage,channel,nps\nJ1,2026-03-01,s,c,9\n")
    assert clean.unused == ()


def test_separate_date_and_time_columns_are_combined_into_the_timestamp():
    got = load("여정ID,일자,시간,단계,채널\nJ1,2026-03-01,09:05,인지,앱\nJ1,2026.03.01,오후 2:10,탐색,웹\n")
    assert got.mapping.columns["timestamp"] == "일자 + 시간"
    assert got.events["timestamp"].to_list() == [dt.datetime(2026, 3, 1, 9, 5), dt.datetime(2026, 3, 1, 14, 10)]
    assert "일자" not in got.events.columns and "시간" not in got.events.columns


def test_a_combined_timestamp_can_be_chosen_by_hand():
    got = load("case,d,t,stage,channel\nJ1,2026-03-01,09:05,a,b\n",
               mapping={"journey_id": "case", "timestamp": "d + t"})
    assert got.events["timestamp"].to_list() == [dt.datetime(2026, 3, 1, 9, 5)]


def test_one_source_column_cannot_feed_two_fields_named_in_the_ui_language():
    with pytest.raises(DataError) as e:
        propose(["id", "when", "stage", "channel"], {"stage": "stage", "channel": "stage"})
    assert str(e.value) == ("Column 'stage' is chosen for both Journey stage and Channel; a column can feed only one "
                            "field (only Journey ID and Customer ID may share one).")
    assert e.value.text("ko").startswith("'stage' 열을 여정 단계와(과) 채널 모두에 골랐습니다.")


def test_one_column_may_be_both_the_journey_id_and_the_customer_id():
    text = "고객ID,일시,단계,채널\nC1,2026-03-01 09:00,a,app\nC1,2026-03-01 10:00,b,web\nC2,2026-03-02 10:00,a,app\n"
    got = load(text, mapping={"journey_id": "고객ID", "customer_id": "고객ID"})
    assert got.events["journey_id"].to_list() == got.events["customer_id"].to_list() == ["C1", "C1", "C2"]


@pytest.mark.parametrize(("header", "field"), [
    ("jouney_id", "journey_id"), ("chanel", "channel"), ("satisfation", "satisfaction"), ("timestmp", "timestamp"),
    ("여졍ID", "journey_id"), ("만족점슈", "satisfaction"),
])
def test_a_header_one_typo_away_is_taken_and_said(header, field):
    m = propose([header])
    assert m.columns == {field: header} and m.assumed == {field: header}


@pytest.mark.parametrize("header", ["data", "name", "stages_total_count", "channels_used", "고객명"])
def test_a_short_or_far_header_is_not_taken_for_a_typo(header):
    assert propose([header]).assumed == {}


def test_a_typo_is_said_in_a_note_in_both_languages():
    got = load("jouney_id,timestamp,stage,chanel\nJ1,2026-03-01 09:00,a,app\n")
    said = [n for n in got.notes if n.key == "note_assumed_field"]
    assert [n.text() for n in said] == [
        "Column 'jouney_id' is taken as Journey ID: its header looks like a typo of that field's name.",
        "Column 'chanel' is taken as Channel: its header looks like a typo of that field's name."]
    assert said[1].text("ko") == "'chanel' 열을 채널(으)로 읽었습니다. 머리글이 이 항목 이름의 오타로 보입니다."


def test_a_wrong_timestamp_choice_stops_instead_of_loading_zero_events():
    text = "journey_id,timestamp,stage,channel,note\nJ1,2026-03-01,s,c,hello\nJ2,2026-03-02,s,c,bye\n"
    with pytest.raises(ingest.MostlyInvalid) as e:
        load(text, mapping={"timestamp": "note"}, accept_invalid=True)
    assert str(e.value) == ("export.csv: no row is valid; first: row 2, timestamp 'hello' is not a date and time. "
                            "Check which column feeds each field.")


def test_most_rows_invalid_stops_unless_accepted():
    text = "journey_id,timestamp,stage,channel\nJ1,2026-03-01,s,c\nJ2,bad,s,c\nJ3,worse,s,c\n"
    with pytest.raises(ingest.MostlyInvalid, match=r"2 of 3 rows \(67%\) are invalid; first: row 3"):
        load(text)
    assert load(text, accept_invalid=True).events.height == 1
    half = "journey_id,timestamp,stage,channel\nJ1,2026-03-01,s,c\nJ2,bad,s,c\n"
    assert load(half).rejected_rows == 1  # half is not most


def test_the_quarantine_names_the_users_own_header():
    got = load("여정ID,일시,단계,채널,추천의향\nJ1,2026-03-01,s,c,11\nJ2,2026-03-01,s,c,9\nJ3,2026-03-01,s,c,9\n")
    assert got.quarantine.to_dicts() == [{"row": 2, "column": "추천의향", "value": "11",
                                          "reason": "nps 11 is outside 0–10"}]


def test_unused_scores_ignore_mapped_columns():
    raw = ingest.read_table(b"a,b\n1,5\n2,4\n", "x.csv")
    assert unused_scores(raw, propose(raw.columns, {"satisfaction": "b"})) == ()


def test_a_date_column_and_a_time_column_are_suggested_together_as_the_timestamp():
    text = ("고객번호,접수일자,접수시간,상담채널,단계,상담번호\nC1,2026-03-01,09:05,콜센터,문의,A1\n"
            "C2,2026-03-02,오후 2:10,챗봇,해지,A2\n")
    raw = ingest.read_table(text.encode(), "x.csv")
    mapping = with_suggestions(raw, propose(raw.columns, {"journey_id": "상담번호"}))
    assert mapping.suggested["timestamp"] == "접수일자 + 접수시간"
    got = load(text, mapping={"journey_id": "상담번호", "timestamp": "접수일자 + 접수시간", "channel": "상담채널"})
    assert got.events["timestamp"].to_list() == [dt.datetime(2026, 3, 1, 9, 5), dt.datetime(2026, 3, 2, 14, 10)]
