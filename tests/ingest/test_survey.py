"""ingest.survey: which reading, rating scales, not-applicable cells, respondent ids, the outcome, quarantined cells."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import ingest
from errors import DataError
from ingest import survey
from ingest.survey import candidate, to_five


def load(text: str, **kw) -> ingest.Ingested:
    return ingest.load(text.encode(), name="export.csv", **kw)


def scale_of(values) -> tuple | None:
    c = candidate(pl.Series("q", values))
    return None if c is None else (c.low, c.high, c.zero_is_not_applicable)


@pytest.mark.parametrize(("values", "scale"), [
    ([1, 2, 5, 4, None], (1, 5, False)),
    ([0, 3, 5, 4], (1, 5, True)),                 # 0 with other answers 1–5: not applicable
    (["4", "해당없음", "2", "5", ""], (1, 5, False)),
    ([1, 7, 6, 2], (1, 7, False)),
    ([1, 10, 8], (1, 10, False)),
    ([0, 10, 6, 9], (0, 10, False)),              # 0 on a 0–10 column is an answer
    (["5 - Very satisfied", "1 - Very dissatisfied", "3"], (1, 5, False)),
    (["5점", "4) 만족", "2", "1 매우 불만족"], (1, 5, False)),
])
def test_the_scale_of_a_rating_column_is_detected(values, scale):
    assert scale_of(values) == scale


@pytest.mark.parametrize("values", [
    [0, 1, 1, 0],                  # a flag
    [1, 2, 3, 2],                  # largest answer below 4: a code, not a rating
    [23, 45, 67],                  # an age
    [1.5, 2.5, 4.0],               # fractions
    ["Male", "Female", "Male"],
    ["4", "good", "bad", "5"],     # mostly text
    ["09:05", "10:00", "오후 2:10", "08:30"],  # times of day
    ["2026-03-01", "2026-03-02", "2026-03-05"],  # dates
])
def test_other_columns_are_not_ratings(values):
    assert scale_of(values) is None


def test_to_five_is_the_identity_on_1_to_5_and_keeps_the_top_two_box_on_other_scales():
    def placed(values, low, high):
        return pl.select(to_five(pl.lit(pl.Series(values, dtype=pl.Float64)), low, high)).to_series().to_list()

    assert placed([1, 2, 3, 4, 5], 1, 5) == [1, 2, 3, 4, 5]
    zero_ten = placed(list(range(11)), 0, 10)
    assert zero_ten[0] == 1 and zero_ten[9] == 4 and zero_ten[10] == 5
    assert [v >= 4 for v in zero_ten] == [False] * 9 + [True, True]
    seven = placed(list(range(1, 8)), 1, 7)
    assert [v >= 4 for v in seven] == [False] * 5 + [True, True]
    assert seven == sorted(seven)


KOREAN = """응답자ID,성별,체크인,기내식,좌석,추천점수,의견
R-001,여,5,해당없음,4,10,좋았어요
R-002,남,4,모름,2,6,좌석이 좁아요
R-003,여,무응답,3,5,9,
R-004,남,N/A,,1,0,다시는 안 타요
R-005,여,2,4,다섯,8,
"""


def test_not_applicable_cells_are_neither_counted_nor_quarantined_and_text_answers_are():
    loaded = load(KOREAN)
    assert loaded.survey is not None
    counts = loaded.events.group_by("stage").len().sort("stage")
    assert dict(counts.iter_rows()) == {"체크인": 3, "기내식": 2, "좌석": 4}
    assert loaded.quarantine.to_dicts() == [
        {"row": 6, "column": "좌석", "value": "다섯", "reason": "좌석 '다섯' is not a rating on its 1–5 scale"}]
    ratings = {r.column: r for r in loaded.survey.ratings}
    assert (ratings["기내식"].answers, ratings["기내식"].not_applicable) == (2, 3)


def test_the_nps_column_is_the_outcome_and_the_canonical_nps_answer():
    loaded = load(KOREAN)
    o = loaded.survey.outcome
    assert (o.column, o.kind, o.positive) == ("추천점수", "nps", "9–10")
    per_respondent = loaded.events.group_by("journey_id").agg(pl.col("nps").first()).sort("journey_id")
    assert per_respondent["nps"].to_list() == [10, 6, 9, 0, 8]
    assert "추천점수" not in [r.column for r in loaded.survey.ratings]
    assert loaded.survey.respondent_column == "응답자ID"
    assert sorted(loaded.events["journey_id"].unique()) == ["R-001", "R-002", "R-003", "R-004", "R-005"]


def test_without_an_id_column_the_row_number_is_the_respondent():
    loaded = load("q1,q2,overall\n5,4,5\n1,2,1\n3,,4\n")
    assert loaded.survey.respondent_column is None
    assert sorted(loaded.events["journey_id"].unique()) == ["2", "3", "4"]
    o = loaded.survey.outcome
    assert (o.column, o.kind, o.positive) == ("overall", "score", "4–5")


def test_a_duplicate_respondent_id_is_one_sentence_and_an_id_like_column_with_repeats_is_not_the_id():
    text = "id,q1,q2\n7,5,4\n7,1,2\n8,3,3\n"
    with pytest.raises(DataError, match="Column 'id' has the respondent id '7' on more than one row"):
        load(text, mapping={"journey_id": "id"})
    assert load(text).survey.respondent_column is None


def test_a_two_valued_label_is_the_outcome_with_its_satisfied_value_positive():
    loaded = load("id,gender,q1,q2,result\n1,M,5,4,만족\n2,F,1,2,불만족\n3,F,4,4,만족\n")
    o = loaded.survey.outcome
    assert (o.column, o.kind, o.positive, o.values) == ("result", "label", "만족", ("만족", "불만족"))


def test_the_user_chooses_another_outcome_or_none():
    text = "id,q1,q2,q3,result\n1,5,4,5,satisfied\n2,1,2,1,dissatisfied\n3,4,4,5,satisfied\n"
    assert load(text, outcome="q3").survey.outcome.kind == "score"
    assert load(text, outcome="").survey.outcome is None
    with pytest.raises(DataError, match="Column 'id' cannot be the outcome"):
        load(text, outcome="id")
    with pytest.raises(DataError, match="no column 'nope' to use as the outcome"):
        load(text, outcome="nope")


def test_rating_columns_can_be_mapped_to_stages():
    loaded = load("id,seat,food,checkin\n1,5,4,3\n2,1,2,4\n", stages={"seat": "기내", "food": "기내"})
    assert loaded.survey.stage_order == ("기내", "checkin")
    assert sorted(loaded.events.filter(pl.col("stage") == "기내")["touchpoint"].unique()) == ["food", "seat"]


def test_a_respondent_who_rated_nothing_is_listed_not_lost():
    loaded = load("id,q1,q2\n1,5,4\n2,해당없음,\n3,2,2\n")
    assert loaded.quarantine.to_dicts() == [
        {"row": 3, "column": None, "value": None, "reason": "no rating in any of the 2 rating columns"}]


def test_an_answer_date_column_is_the_timestamp():
    loaded = load("응답자ID,응답일시,q1,q2\n1,2026-03-01 10:00,5,4\n2,2026. 3. 2. 오후 2:05:00,1,2\n")
    assert loaded.survey.timestamp_column == "응답일시"
    assert loaded.events["timestamp"].dt.date().unique().sort().cast(pl.String).to_list() == [
        "2026-03-01", "2026-03-02"]


def test_an_event_file_is_still_read_as_events():
    text = "journey_id,timestamp,stage,channel,satisfaction,nps,ces\nJ1,2026-01-01 10:00,a,web,5,9,4\n"
    assert load(text).survey is None
    assert survey.reading(ingest.read_table(text.encode(), "x.csv"),
                          ingest.propose(["journey_id", "timestamp", "stage", "channel", "satisfaction", "nps",
                                          "ces"])) == survey.EVENTS


def test_the_survey_reading_can_be_forced_on_a_file_that_looks_like_events():
    text = "journey_id,timestamp,stage,channel,q1,q2\nJ1,2026-01-01 10:00,a,web,5,4\nJ2,2026-01-01 11:00,a,web,1,2\n"
    forced = load(text, reading="survey")
    assert forced.survey is not None and [r.column for r in forced.survey.ratings] == ["q1", "q2"]


def test_the_survey_info_travels_in_the_parquet_file(tmp_path):
    loaded = load(KOREAN)
    path = ingest.write_parquet(loaded, tmp_path / "s.parquet")
    assert survey.info([str(path)]) == loaded.survey
    assert survey.info([str(tmp_path / "missing.parquet")]) is None


def test_the_not_applicable_words_are_a_setting(monkeypatch):
    monkeypatch.setenv("CXLENS_NOT_APPLICABLE", "skip")
    loaded = load("id,q1,q2\n1,5,skip\n2,1,5\n3,4,해당없음\n4,3,4\n")
    assert loaded.quarantine["value"].to_list() == ["해당없음"]
    assert {r.column: r.not_applicable for r in loaded.survey.ratings} == {"q1": 0, "q2": 1}


def test_a_comment_column_is_the_respondents_comment_once_not_a_filter_dimension():
    loaded = load(KOREAN)
    comments = loaded.events.filter(pl.col("comment").is_not_null())
    assert sorted(comments["comment"].to_list()) == ["다시는 안 타요", "좋았어요", "좌석이 좁아요"]
    assert comments["journey_id"].n_unique() == 3
    assert "의견" not in loaded.events.columns and "의견" not in loaded.survey.profile


# Columns named like the survey reader's old working columns (__ts, __answer, __order, …): read as the
# file's own, never overwritten or renamed by the reader's scratch columns.
NAMED_LIKE_WORKING = """응답자ID,응답일시,__ts,__answer,__bad,__v,__order,__comment,추천점수,의견
R-001,2025-05-01 09:00,5,4,A등급,x,서울,첫 방문,10,좋았어요
R-002,2025-05-02 10:30,2,해당없음,B등급,y,부산,재방문,3,상담원이 불친절해요
R-003,2025-05-03 11:15,4,1,A등급,x,서울,,9,
R-004,2025-05-04 12:45,,5,C등급,y,대구,첫 방문,0,다시는 안 써요
"""


def test_a_survey_with_columns_named_like_the_readers_working_columns_is_read_as_written():
    loaded = load(NAMED_LIKE_WORKING, mapping={"comment": "의견"})
    assert [r.column for r in loaded.survey.ratings] == ["__ts", "__answer"]
    assert loaded.survey.timestamp_column == "응답일시" and loaded.quarantine.height == 0
    events = loaded.events.sort("journey_id", "touchpoint")
    answers = {(r["journey_id"], r["touchpoint"]): r["satisfaction"] for r in events.iter_rows(named=True)}
    assert answers == {("R-001", "__ts"): 5, ("R-001", "__answer"): 4, ("R-002", "__ts"): 2,
                       ("R-003", "__ts"): 4, ("R-003", "__answer"): 1, ("R-004", "__answer"): 5}
    assert events.filter(pl.col("journey_id") == "R-004")["timestamp"].to_list() == [
        dt.datetime(2025, 5, 4, 12, 45)]
    per_respondent = events.group_by("journey_id").agg(pl.col("__order", "__comment", "__bad", "__v").first()).sort(
        "journey_id")
    assert per_respondent["__order"].to_list() == ["서울", "부산", "서울", "대구"]
    assert per_respondent["__comment"].to_list() == ["첫 방문", "재방문", None, "첫 방문"]
    assert per_respondent["__bad"].to_list() == ["A등급", "B등급", "A등급", "C등급"]
    assert set(loaded.survey.profile) >= {"__order", "__comment", "__bad", "__v"}
    comments = events.filter(pl.col("comment").is_not_null()).sort("journey_id")
    assert comments["comment"].to_list() == ["좋았어요", "상담원이 불친절해요", "다시는 안 써요"]
    assert not [c for c in loaded.events.columns if c.startswith("__cxlens")]
