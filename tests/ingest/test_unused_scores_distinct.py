"""The scale of a score-like column found on its distinct values (``ingest.survey.scale_of``, for the notes on unused
score columns) is the one ``ingest.survey.candidate`` finds cell by cell."""

from __future__ import annotations

import polars as pl
import pytest

import ingest
from ingest.survey import candidate, scale_of

COLUMNS = [
    pl.Series("지역", ["서울 지역", "부산 지역", None, "서울 지역"] * 50),
    pl.Series("만족", ["5", "4", "3", "해당없음", "", "1", "2"] * 30),
    pl.Series("추천", ["10", "9", "0", "7", " 8 ", "N/A"] * 30),
    pl.Series("노력", ["1", "7", "4", "6"] * 10 + ["어려움"] * 3),    # a few unreadable cells: still a rating
    pl.Series("점수", ["1", "5", "2"] * 10 + ["어려움"] * 3),       # too many unreadable cells
    pl.Series("라벨", ["5 - 매우 만족", "4점", "3) 보통", "1", "2", "0"] * 20),
    pl.Series("소수", ["1.5", "2", "4", "5"] * 10),
    pl.Series("작음", ["1", "2", "3", "2"] * 10),
    pl.Series("하나", ["5", None, None]),
    pl.Series("시각", ["09:05", "10:00", "11:30"] * 10),
    pl.Series("숫자", [1.0, 2.0, float("nan"), 5.0, None] * 10),
    pl.Series("정수", [0, 3, 10, 6] * 10),
    pl.Series("빈칸", [None, None], dtype=pl.String),
]


@pytest.mark.parametrize("series", COLUMNS, ids=[s.name for s in COLUMNS])
def test_the_scale_found_on_distinct_values_is_the_one_found_cell_by_cell(series):
    cells = candidate(series)
    assert scale_of(series) == (None if cells is None else (cells.low, cells.high))


def test_an_unused_score_column_of_a_korean_export_is_named_with_its_scale():
    text = ("여정ID,일시,단계,채널,만족도,재방문의향,지역\n"
            + "".join(f"J{i},2026-03-0{1 + i % 9} 09:00:00,가입,앱,{1 + i % 5},{i % 11},서울 지역\n" for i in range(40))
            + "J99,어제,가입,앱,해당없음,7,부산 지역\n")
    got = ingest.load(text.encode("cp949"), "x.csv")
    assert got.unused == (("재방문의향", "0–10"),)
    assert got.quarantine.select("row", "column").rows() == [(42, "일시")]
