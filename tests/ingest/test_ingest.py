"""The ingest API on the fixture corpus: mapping, values, quarantine and whole-file errors."""

import datetime as dt
import io
from pathlib import Path

import polars as pl
import pytest

import ingest
from errors import DataError
from store import Filters, open_dataset
from store import queries as q

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
VALID = ("cp949_korean.csv", "pm4py.csv", "semicolon.csv", "bom_crlf.csv", "excel.xlsx", "dirty.csv", "dotted.tsv")
FIVE_TIMES = [dt.datetime(2026, 3, 1, 9, 0), dt.datetime(2026, 3, 1, 9, 30), dt.datetime(2026, 3, 2, 10, 0),
              dt.datetime(2026, 3, 2, 11, 0), dt.datetime(2026, 3, 3, 14, 5)]


def load(name, **kw):
    # dirty.csv has more invalid rows (7) than valid ones (5): loaded on purpose
    return ingest.load(CORPUS / name, **({"accept_invalid": True} if name == "dirty.csv" else {}), **kw)


def csv_bytes(text):
    return text.encode("utf-8")


@pytest.mark.parametrize("name", VALID)
def test_every_valid_corpus_file_yields_the_same_five_events_of_three_journeys(name):
    events = load(name).events.sort("timestamp", "journey_id")
    assert events["journey_id"].to_list() == ["J1", "J1", "J2", "J2", "J3"]
    assert events["channel"].to_list() == ["앱", "웹", "웹", "지점", "앱"]
    assert events["nps"].drop_nulls().to_list() == [10.0, 6.0, 9.0]
    assert events.schema["timestamp"] == pl.Datetime("us")
    if name == "dotted.tsv":  # dates without a time are midnight
        assert events["timestamp"].to_list() == [dt.datetime(2026, 3, d) for d in (1, 1, 2, 2, 3)]
    else:
        assert events["timestamp"].to_list() == FIVE_TIMES


def test_cp949_korean_headers_map_automatically_to_every_canonical_column():
    got = load("cp949_korean.csv")
    assert got.mapping.status == "automatic"
    assert got.mapping.columns == {
        "journey_id": "여정ID", "timestamp": "일시", "stage": "단계", "channel": "채널", "customer_id": "고객ID",
        "touchpoint": "터치포인트", "satisfaction": "만족도", "ces": "노력도", "nps": "추천의향", "comment": "의견",
    }
    assert got.events["comment"].to_list()[1] == "좋아요, 정말\n좋아요"


def test_pm4py_headers_map_case_activity_and_time():
    cols = load("pm4py.csv").mapping.columns
    assert (cols["journey_id"], cols["touchpoint"], cols["timestamp"]) == ("case:concept:name", "concept:name",
                                                                           "time:timestamp")
    assert (cols["nps"], cols["satisfaction"], cols["ces"]) == ("likelihood_to_recommend", "csat", "effort")


def test_unmapped_columns_are_kept_under_their_own_names():
    assert load("pm4py.csv").events["org:resource"].to_list() == ["agent7"] * 5


def test_semicolon_file_is_sniffed_and_padded_numbers_are_read():
    got = load("semicolon.csv")
    assert got.events.sort("timestamp")["satisfaction"].to_list() == [None, 5.0, None, 2.0, 4.0]


def test_dirty_rows_are_quarantined_with_their_file_line_header_and_reason():
    got = load("dirty.csv")
    assert got.quarantine.to_dicts() == [
        {"row": 8, "column": "여정ID", "value": None, "reason": "journey_id is missing"},
        {"row": 9, "column": "일시", "value": "2026-02-30 09:00",
         "reason": "timestamp '2026-02-30 09:00' is not a date and time"},
        {"row": 11, "column": "추천의향", "value": "11", "reason": "nps 11 is outside 0–10"},
        {"row": 12, "column": "만족도", "value": "6", "reason": "satisfaction 6 is outside 1–5"},
        {"row": 13, "column": "추천의향", "value": "7.5", "reason": "nps 7.5 is not a whole number"},
        {"row": 14, "column": "노력도", "value": "쉬움", "reason": "ces '쉬움' is not a number"},
        {"row": 15, "column": "채널", "value": None, "reason": "channel is missing"},
    ]
    assert got.rejected_rows == 7


def test_strict_makes_any_invalid_row_an_error_naming_the_first():
    with pytest.raises(DataError) as e:
        load("dirty.csv", strict=True)
    assert str(e.value) == "dirty.csv: 7 rows are invalid; first: row 8, journey_id is missing."


def test_a_row_is_reported_once_with_its_first_problem():
    got = ingest.load(csv_bytes("journey_id,timestamp,stage,channel,nps\n,nonsense,s,c,99\nJ2,2026-01-01,s,c,9\n"),
                      "x.csv")
    assert got.quarantine["reason"].to_list() == ["journey_id is missing"]


@pytest.mark.parametrize(("text", "want"), [
    ("2026-03-01T14:05:00", dt.datetime(2026, 3, 1, 14, 5)),
    ("2026-03-01T14:05:00.250Z", dt.datetime(2026, 3, 1, 14, 5, 0, 250000)),
    ("2026-03-01 14:05", dt.datetime(2026, 3, 1, 14, 5)),
    ("2026/03/01 14:05:00", dt.datetime(2026, 3, 1, 14, 5)),
    ("2026.03.01", dt.datetime(2026, 3, 1)),
    ("2026. 3. 1. 오후 2:05:00", dt.datetime(2026, 3, 1, 14, 5)),
    ("2026. 3. 1. 오전 12:30:00", dt.datetime(2026, 3, 1, 0, 30)),
    ("2026. 3. 1. 오후 12:30:00", dt.datetime(2026, 3, 1, 12, 30)),
    ("2026-03-01 2:05 PM", dt.datetime(2026, 3, 1, 14, 5)),
    ("2026년 3월 1일 09:00", dt.datetime(2026, 3, 1, 9, 0)),
    ("2026-03-01 25:00", None),
    ("2026. 3. 1. 오후 14:00:00", None),
    ("yesterday", None),
])
def test_timestamp_forms(text, want):
    got = pl.select(ingest.values.timestamp(pl.lit(text), pl.String)).item()
    assert got == want


@pytest.mark.parametrize(("text", "want"), [(" 9 ", 9.0), ("1,234", 1234.0), ("4.5", 4.5), ("N/A", None),
                                            ("x", None)])
def test_number_forms(text, want):
    assert pl.select(ingest.values.number(pl.lit(text), pl.String)).item() == want


def test_exact_canonical_name_wins_over_an_alias():
    got = ingest.load(csv_bytes("journey_id,timestamp,date,stage,channel\nJ1,2026-03-01 09:00,2026-01-01,s,c\n"),
                      "x.csv")
    assert got.mapping.columns["timestamp"] == "timestamp"
    assert got.events["date"].to_list() == ["2026-01-01"]


def test_two_aliases_of_one_column_are_ambiguous():
    with pytest.raises(DataError) as e:
        load("ambiguous.csv")
    assert str(e.value) == ("Columns 'date' and 'event_time' could all be 'timestamp'; choose one "
                            "(report.py: --map timestamp=COLUMN).")


def test_a_chosen_mapping_resolves_ambiguity():
    got = load("ambiguous.csv", mapping={"timestamp": "event_time"})
    assert got.mapping.status == "manual"
    assert got.events["timestamp"].to_list() == [dt.datetime(2026, 3, 1, 9, 0)]


def test_a_chosen_mapping_fills_a_missing_required_column():
    got = load("missing_stage.csv", mapping={"stage": "phase"})
    assert got.events["stage"].to_list() == ["인지"]


def test_mapping_to_a_column_the_file_lacks_is_an_error():
    with pytest.raises(DataError) as e:
        load("missing_stage.csv", mapping={"stage": "단계"})
    assert str(e.value) == "The file has no column '단계' to use as 'stage'."


def test_propose_reports_aliases_ignoring_case_spaces_and_punctuation():
    m = ingest.propose(["Case ID", "TIME:TIMESTAMP", "Journey-Stage", "채널"])
    assert m.columns == {"journey_id": "Case ID", "timestamp": "TIME:TIMESTAMP", "stage": "Journey-Stage",
                         "channel": "채널"}
    assert m.status == "automatic"


@pytest.mark.parametrize(("name", "message"), [
    ("empty.csv", "empty.csv is empty."),
    ("header_only.csv", "header_only.csv has a header but no data rows."),
    ("image.csv", "image.csv is not a table: it looks like a PNG image."),
    ("binary.csv", "binary.csv is not a table: it holds binary data, not text."),
    ("missing_stage.csv", "The file has no column for 'stage', which is required; map one "
                          "(report.py: --map stage=COLUMN)."),
    ("duplicate_columns.csv", "duplicate_columns.csv has the column name 'nps' twice in its header; rename one."),
    ("undecodable.csv", "undecodable.csv is neither UTF-8 nor CP949/EUC-KR text (undecodable byte 0x80 in "
                        "column '채널', line 3); save it as CSV UTF-8."),
])
def test_whole_file_problems_are_one_sentence(name, message):
    with pytest.raises(DataError) as e:
        load(name)
    assert str(e.value) == message


def test_a_file_over_the_upload_limit_is_refused(monkeypatch):
    monkeypatch.setenv("CXLENS_UPLOAD_LIMIT_MB", "0.0001")  # 104.9 bytes
    with pytest.raises(DataError) as e:
        load("pm4py.csv")
    assert str(e.value) == "pm4py.csv is 0.0 MB, over the upload limit of 0.0001 MB (setting upload_limit_mb)."


def test_utf16_unicode_text_from_excel_is_read():
    text = "journey_id\ttimestamp\tstage\tchannel\nJ1\t2026-03-01 09:00\t인지\t앱\n"
    got = ingest.load(text.encode("utf-16"), "unicode.txt")
    assert got.events["stage"].to_list() == ["인지"]


def test_parquet_keeps_typed_columns_and_validates_scores():
    frame = pl.DataFrame({"case_id": ["J1", "J2"], "timestamp": FIVE_TIMES[:2], "stage": ["a", "b"],
                          "channel": ["c", "c"], "nps": [9, 12]})
    buf = io.BytesIO()
    frame.write_parquet(buf)
    got = ingest.load(buf.getvalue(), "x.parquet")
    assert got.events["journey_id"].to_list() == ["J1"]
    assert got.quarantine["reason"].to_list() == ["nps 12 is outside 0–10"]


def test_written_parquet_opens_as_a_dataset_with_the_files_figures(tmp_path):
    path = ingest.write_parquet(load("excel.xlsx"), tmp_path / "events.parquet")
    ds = open_dataset(path)
    assert (ds.events, ds.journeys, ds.rejected) == (5, 3, 0)
    assert q.totals(ds, Filters.make()) == {"events": 5, "journeys": 3}
