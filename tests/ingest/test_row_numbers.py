"""Row numbers of a text file: a record's line of the file (header = line 1), counted without looking into every field
when no field holds a line break, and the same numbers as counting the line breaks of every field."""

from __future__ import annotations

import polars as pl
import pytest

import ingest
from ingest.read import ROW


def _by_fields(data: bytes) -> list[int]:
    """The line of each record counted from the line breaks inside every field (an independent count)."""
    frame = pl.read_csv(data, infer_schema=False, truncate_ragged_lines=False)
    breaks = frame.select(pl.sum_horizontal(pl.col(c).str.count_matches("\n").fill_null(0)
                                            for c in frame.columns).alias("n"))["n"].to_list()
    rows, line = [], 2
    for n in breaks:
        rows.append(line)
        line += 1 + n
    return rows


FILES = [
    b'journey_id,timestamp,stage,channel,comment\nJ1,2026-03-01 09:00:00,a,web,"fast, kind"\nJ2,2026-03-01 10:00:00,b,app,ok\n',
    b'journey_id,timestamp,stage,channel,comment\r\nJ1,2026-03-01 09:00:00,a,web,"fast, kind"\r\n\r\n'
    b'J2,2026-03-01 10:00:00,b,app,ok',
    b'journey_id,timestamp,stage,channel,comment\nJ1,2026-03-01 09:00:00,a,web,"two\nlines"\nJ2,2026-03-01,b,app,x\n\n',
    b'journey_id,timestamp,stage,channel,comment\n"J1",2026-03-01 09:00:00,a,web,"a\r\nb\r\nc"\n\nJ2,x,b,app,"y"\n',
    b'journey_id,timestamp,stage,channel,comment\nJ1,2026-03-01 09:00:00,a,web,plain\n\n\nJ2,2026-03-02,b,app,"q"\n',
]


@pytest.mark.parametrize("data", FILES)
def test_the_row_numbers_equal_those_counted_from_every_fields_line_breaks(data):
    raw = ingest.read_table(data, "x.csv")
    expected = [r for r, blank in zip(_by_fields(data), _blank(data), strict=True) if not blank]
    assert raw.frame[ROW].to_list() == expected


def _blank(data: bytes) -> list[bool]:
    frame = pl.read_csv(data, infer_schema=False, truncate_ragged_lines=False)
    return frame.select(pl.all_horizontal(pl.all().is_null()).alias("b"))["b"].to_list()


def test_a_korean_export_with_quoted_fields_bad_rows_and_mixed_times_quarantines_by_file_line():
    text = ("여정ID,일시,단계,채널,만족도,의견\r\n"
            'J1,2026-03-01 09:00:00,가입,앱,5,"빠르고, 친절해요"\r\n'
            "J1,2026. 3. 1. 오후 2:05:00,인증,웹,해당없음,\r\n"
            "\r\n"
            'J2,2026/03/02 10:00,가입,콜센터,4,"두 줄\r\n의견"\r\n'
            "J2,어제,인증,앱,3,늦어요\r\n"
            "J3,2026-03-03T08:00:00,가입,,2,\r\n")
    data = text.encode("cp949")
    got = ingest.load(data, "korean.csv", accept_invalid=True)  # 3 of 5 rows are bad
    assert got.quarantine.select("row", "column", "value").rows() == [
        (3, "만족도", "해당없음"), (7, "일시", "어제"), (8, "채널", None)]
    assert got.events["timestamp"].dt.strftime("%Y-%m-%d %H:%M").to_list() == ["2026-03-01 09:00", "2026-03-02 10:00"]
    assert got.events["comment"].to_list() == ["빠르고, 친절해요", "두 줄\r\n의견"]
    one_line = text.replace('"두 줄\r\n의견"', '"두 줄 의견"')  # the same file with no line break in a field
    again = ingest.load(one_line.encode("cp949"), "korean.csv", accept_invalid=True)
    assert again.quarantine.select("row", "column", "value").rows() == [
        (3, "만족도", "해당없음"), (6, "일시", "어제"), (7, "채널", None)]
