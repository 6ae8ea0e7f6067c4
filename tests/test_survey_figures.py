"""The survey pages' figures on a six-respondent export, against hand computations: answers per question on the
column's own scale, top-2-box with its Wilson interval, NPS by segment with its interval, the overview headline."""

from __future__ import annotations

import math

import polars as pl
import pytest

import ingest
from figures import survey as survey_figures
from ingest import survey
from metrics.drivers import KeyDrivers
from store import Filters, open_dataset

Z = 1.959963984540054
# 서비스 on 1–5 (one 해당없음), 속도 on 1–7 (one 해당없음), 추천 의향 0–10 (the NPS outcome), 등급 a segment.
EXPORT = """응답자ID,등급,서비스,속도,추천 의향,응답일
r1,A,5,7,10,2026-03-02
r2,A,4,6,9,2026-03-05
r3,A,해당없음,2,3,2026-03-09
r4,B,2,1,6,2026-03-11
r5,B,3,해당없음,8,2026-03-20
r6,B,5,5,0,2026-03-28
"""


def _open(tmp_path, text: str = EXPORT, encoding: str = "cp949"):
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    loaded = ingest.load(path)
    ds = open_dataset(ingest.write_parquet(loaded, tmp_path / "export.parquet"), name="export.csv")
    return ds, survey_figures.info(ds)


def wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return 100 * (centre - half), 100 * (centre + half)


def test_from_five_gives_back_every_answer_of_every_scale():
    for low, high in survey.SCALES:
        answers = pl.DataFrame({"a": list(range(low, high + 1))})
        back = answers.select(survey.from_five(survey.to_five(pl.col("a"), low, high), low, high).alias("a"))["a"]
        assert back.to_list() == list(range(low, high + 1))


def test_answers_per_question_are_counted_on_the_columns_own_scale(tmp_path):
    ds, about = _open(tmp_path)
    table = survey_figures.distribution(ds, Filters(), about)
    service = table.filter(pl.col("question") == "서비스")
    assert service["answer"].to_list() == [1, 2, 3, 4, 5]
    assert service["respondents"].to_list() == [0, 1, 1, 1, 2]  # 해당없음 is not an answer
    assert service["share_pct"].to_list() == pytest.approx([0, 20, 20, 20, 40])
    speed = table.filter(pl.col("question") == "속도")
    assert speed["answer"].to_list() == [1, 2, 3, 4, 5, 6, 7]
    assert speed["respondents"].to_list() == [1, 1, 0, 0, 1, 1, 1]


def test_top_two_box_is_the_two_highest_answers_with_a_wilson_interval(tmp_path):
    ds, about = _open(tmp_path)
    table = survey_figures.top_two_box(ds, Filters(), about)
    assert table["question"].to_list() == ["서비스", "속도"]
    service, speed = table.row(0, named=True), table.row(1, named=True)
    assert (service["answers"], service["not_applicable"], service["top_two"]) == (5, 1, 3)  # 5, 4, 5 of 5
    assert service["top_two_pct"] == pytest.approx(60.0)
    assert (service["top_two_low"], service["top_two_high"]) == pytest.approx(wilson(3, 5))
    assert speed["top_two"] == 2 and speed["top_two_pct"] == pytest.approx(40.0)  # 6 and 7 of 1–7
    assert speed["mean"] == pytest.approx((7 + 6 + 2 + 1 + 5) / 5)


def test_the_outcome_by_segment_is_each_segments_nps_with_its_interval(tmp_path):
    ds, about = _open(tmp_path)
    assert survey_figures.segments(ds, about) == ["등급"]
    table = survey_figures.outcome_by_segment(ds, Filters(), about, "등급")
    a, b = table.row(0, named=True), table.row(1, named=True)
    assert (a["segment"], a["respondents"], b["segment"], b["respondents"]) == ("A", 3, "B", 3)
    assert a["value"] == pytest.approx(100 * (2 - 1) / 3)  # 10, 9 promoters; 3 detractor
    assert b["value"] == pytest.approx(100 * (0 - 2) / 3)  # 6, 0 detractors; 8 passive
    half = Z * 100 * math.sqrt((2 / 3 + 1 / 3 - (1 / 3) ** 2) / 3)
    assert (a["low"], a["high"]) == pytest.approx((100 / 3 - half, 100.0))  # clipped at 100
    with pytest.raises(Exception, match="not a segment column"):
        survey_figures.outcome_by_segment(ds, Filters(), about, "서비스")


def test_the_headline_says_who_answered_the_outcome_and_the_best_and_lowest_question(tmp_path):
    ds, about = _open(tmp_path)
    none = KeyDrivers(None, 0, None, "none", None)
    said = [str(m) for m in survey_figures.headline_sentences(ds, Filters(), about, none)]
    assert said[0] == "6 respondents answered 2 rating questions between 2026-03-02 and 2026-03-28."
    # 10, 9 promoters; 3, 6, 0 detractors of 6: NPS (2 − 3) / 6 = −16.7
    p, d = 2 / 6, 3 / 6
    half = Z * 100 * math.sqrt((p + d - (p - d) ** 2) / 6)
    assert said[1] == (f"NPS on '추천 의향' is -17 (95% interval {-100 / 6 - half:+.0f} to {-100 / 6 + half:+.0f}): "
                       "33% promoters, 50% detractors.")
    assert said[2] == "'서비스' is rated best (60% in the top two answers), '속도' lowest (40%)."
    assert len(said) == 3  # no key drivers on six respondents: no sentence about them


def test_the_headline_names_no_best_question_when_they_tie_and_no_dates_without_them(tmp_path):
    tied = EXPORT.replace("r3,A,해당없음,2", "r3,A,해당없음,7").replace(",응답일", "")
    tied = "\n".join(line.rsplit(",", 1)[0] if i else line for i, line in enumerate(tied.strip().split("\n"))) + "\n"
    ds, about = _open(tmp_path, tied)
    assert about.timestamp_column is None
    # 속도 now 7, 6, 7, 1, 5: three of five in the top two, as 서비스
    said = [str(m) for m in survey_figures.headline_sentences(ds, Filters(), about,
                                                               KeyDrivers(None, 0, None, "none", None))]
    assert said[0] == "6 respondents answered 2 rating questions."
    assert not any("rated best" in s for s in said)


def test_the_headline_names_the_driver_only_when_its_link_is_clear_and_positive(tmp_path):
    ds, about = _open(tmp_path)
    table = pl.DataFrame({"stage": ["속도", "서비스"], "importance": [70.0, 30.0], "coefficient": [0.8, 0.1],
                          "p_value": [0.01, 0.4]})
    said = [str(m) for m in survey_figures.headline_sentences(ds, Filters(), about,
                                                               KeyDrivers(table, 6, 0.5, "shapley_r2_share", None))]
    assert said[-1] == "'속도' moves '추천 의향' the most (70% of what the ratings explain)."
    unclear = table.with_columns(pl.Series("p_value", [0.2, 0.4]))
    said = [str(m) for m in survey_figures.headline_sentences(ds, Filters(), about,
                                                               KeyDrivers(unclear, 6, 0.5, "shapley_r2_share", None))]
    assert said[-1] == "No question has a clear link with '추천 의향' in this selection."
