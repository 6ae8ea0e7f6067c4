"""Files that used to be read wrongly or at great cost: an .xlsx bomb, a hidden first sheet, formulas without
saved values, a NUL byte deep in a text file, a Parquet file without rows."""

import datetime as dt
import io
import json
import struct
import tracemalloc
import zipfile

import openpyxl
import polars as pl
import pytest

import ingest
import report
from errors import DataError

HEADER = ["여정ID", "일시", "단계", "채널", "만족도", "추천의향"]
ROWS = [  # shuffled, Korean values, one N/A
    ["J2", dt.datetime(2026, 3, 2, 10, 0), "가입", "웹", 4, None],
    ["J1", dt.datetime(2026, 3, 1, 9, 0), "탐색", "앱", 5, 10],
    ["J2", dt.datetime(2026, 3, 2, 11, 30), "이용", "지점", "N/A", 6],
    ["J1", dt.datetime(2026, 3, 1, 9, 45), "가입", "앱", 3, None],
]


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))


def workbook_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def events_workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "이벤트"
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    return wb


# --- the bomb -------------------------------------------------------------------------------------------------

def bomb(unpacked_mb: int, lie: bool = False) -> bytes:
    """A real workbook whose sheet is replaced by a valid sheet XML padded with ``unpacked_mb`` MB of blanks:
    about 1,000 times smaller packed. With ``lie`` the zip headers declare the sheet as 2,000 bytes."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(events_workbook())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info.filename))
                continue
            xml = source.read(info.filename)
            head, tail = xml.split(b"<sheetData>")
            with target.open(info.filename, "w", force_zip64=True) as f:
                f.write(head + b"<sheetData>")
                blank = b" " * (1024 * 1024)
                for _ in range(unpacked_mb):
                    f.write(blank)
                f.write(tail)
    data = bytearray(out.getvalue())
    if lie:
        _declare(data, "xl/worksheets/sheet1.xml", 2000)
    return bytes(data)


def _declare(data: bytearray, member: str, size: int) -> None:
    """Rewrite the uncompressed size a zip declares for ``member`` (local header and central directory)."""
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len, extra_len = struct.unpack_from("<HH", data, pos + 28)
        if bytes(data[pos + 46:pos + 46 + name_len]) == member.encode():
            struct.pack_into("<I", data, pos + 24, size)
            # a zip64 extra field carries the real size instead: overwrite it too
            extra = bytes(data[pos + 46 + name_len:pos + 46 + name_len + extra_len])
            if extra[:2] == b"\x01\x00":
                struct.pack_into("<Q", data, pos + 46 + name_len + 4, size)
        pos = data.find(b"PK\x01\x02", pos + 4)


def test_an_xlsx_that_declares_a_huge_unpacked_size_is_refused_in_one_sentence_before_reading():
    data = bomb(300)
    assert len(data) < 1_000_000   # 300 MB of sheet in under 1 MB
    tracemalloc.start()
    with pytest.raises(DataError) as e:
        ingest.load(data, "보고서.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert str(e.value).startswith("보고서.xlsx unpacks to 300 MB from 0.")
    assert "zip bomb" in str(e.value) and str(e.value).count(". ") == 0
    assert peak < 20 * 1024 * 1024


def test_an_xlsx_whose_headers_lie_about_its_size_is_refused_with_bounded_memory():
    data = bomb(300, lie=True)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml").file_size == 2000
    tracemalloc.start()
    with pytest.raises(DataError, match="zip bomb, not a table"):
        ingest.load(data, "lie.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024   # inflated piece by piece and stopped at the bound, never held


def test_an_xlsx_over_the_unpacked_limit_is_refused_naming_the_setting(monkeypatch):
    monkeypatch.setenv("CXLENS_UNPACKED_LIMIT_MB", "2")
    with pytest.raises(DataError) as e:
        ingest.load(bomb(3), "big.xlsx")
    assert str(e.value) == ("big.xlsx unpacks to 3 MB, over the limit of 2 MB for an Excel workbook (setting "
                            "unpacked_limit_mb); save it as CSV and upload that.")


def test_a_workbook_under_the_bounds_still_loads():
    loaded = ingest.load(workbook_bytes(events_workbook()), "ok.xlsx")
    assert loaded.events.height == 4 and loaded.rejected_rows == 0  # N/A is a missing answer, not an invalid one
    assert loaded.notes == ()


def test_report_prints_the_bomb_refusal_as_one_error_line(capsys, tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb(50))
    assert report.main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: bomb.xlsx unpacks to 50 MB") and err.count("\n") == 1


# --- sheets and formulas --------------------------------------------------------------------------------------

def test_a_hidden_first_sheet_is_skipped_and_the_note_says_which_sheet_was_read():
    wb = events_workbook()
    hidden = wb.create_sheet("원본", 0)
    hidden.append(HEADER)
    hidden.append(["X9", dt.datetime(2020, 1, 1), "숨김", "숨김", 1, 0])
    hidden.sheet_state = "hidden"
    loaded = ingest.load(workbook_bytes(wb), "two.xlsx")
    assert sorted(loaded.events["journey_id"].unique().to_list()) == ["J1", "J2"]
    assert [n.text() for n in loaded.notes] == [
        "Read sheet '이벤트', the first visible one; the hidden sheet(s) '원본' before it were not read."]
    assert "숨겨진 시트 '원본'" in loaded.notes[0].text("ko")


def test_with_several_visible_sheets_the_note_names_the_first_one():
    wb = events_workbook()
    wb.create_sheet("메모").append(["참고"])
    loaded = ingest.load(workbook_bytes(wb), "two.xlsx")
    assert [n.text() for n in loaded.notes] == ["Read sheet '이벤트', the first of the workbook's 2 sheets."]


def test_formulas_without_saved_results_are_named_not_silently_empty(capsys, tmp_path):
    wb = events_workbook()
    ws = wb.active
    ws["E2"] = "=4"          # a formula openpyxl writes without a cached result: calamine reads it as empty
    ws["F3"] = "=5+5"
    ws["F5"] = "=D5"
    path = tmp_path / "formulas.xlsx"
    path.write_bytes(workbook_bytes(wb))
    loaded = ingest.load(path)
    assert loaded.events.filter(pl.col("journey_id") == "J2")["satisfaction"].to_list() == [None, None]  # 4 gone
    assert [n.text() for n in loaded.notes] == [
        "3 formula cells in '만족도', '추천의향' have no saved result and were read as empty (first on row 2); "
        "open the file in Excel and save it to keep the results."]
    assert report.main([str(path), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "warning: 3 formula cells in '만족도', '추천의향' have no saved result" in err


def test_formulas_with_saved_results_give_no_note():
    data = bytearray(workbook_bytes(events_workbook()))
    book = zipfile.ZipFile(io.BytesIO(bytes(data)))
    sheet = book.read("xl/worksheets/sheet1.xml")
    # E2 (a 4) as Excel saves a formula: <f>2+2</f> with its result <v>4</v>
    saved = sheet.replace(b'<c r="E2" t="n"><v>4</v></c>', b'<c r="E2" t="n"><f>2+2</f><v>4</v></c>')
    assert saved != sheet
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in book.infolist():
            z.writestr(info.filename, saved if info.filename == "xl/worksheets/sheet1.xml" else book.read(info))
    loaded = ingest.load(out.getvalue(), "saved.xlsx")
    assert loaded.notes == ()
    assert loaded.events.filter(pl.col("journey_id") == "J2")["satisfaction"].to_list() == [4.0, None]


# --- NUL bytes and empty Parquet ------------------------------------------------------------------------------

def test_a_nul_byte_after_the_first_64_kb_means_binary_not_text():
    lines = ["journey_id,timestamp,stage,channel"] + [f"J{i},2026-03-01 09:00,가입,웹" for i in range(4000)]
    data = "\n".join(lines).encode()
    assert len(data) > 80_000
    data = data[:75_000] + b"\x00" + data[75_000:]
    with pytest.raises(DataError) as e:
        ingest.load(data, "dump.csv")
    assert str(e.value) == "dump.csv is not a table: it holds binary data, not text."


def test_an_uploaded_parquet_without_rows_is_one_sentence(tmp_path):
    path = tmp_path / "empty.parquet"
    pl.DataFrame(schema={"case": pl.String, "when": pl.String}).write_parquet(path)
    with pytest.raises(DataError) as e:
        ingest.load(path)
    assert str(e.value) == "empty.parquet has columns but no rows: there are no events in it."


def test_a_canonical_parquet_without_rows_read_directly_is_an_error_not_null_figures(capsys, tmp_path):
    path = tmp_path / "events.parquet"
    pl.DataFrame(schema={"journey_id": pl.String, "timestamp": pl.Datetime("us"), "stage": pl.String,
                         "channel": pl.String, "nps": pl.Float64}).write_parquet(path)
    assert report.main([str(path), "--format", "json"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == "error: events.parquet has no events to analyse: it has no valid rows.\n"


def test_a_canonical_parquet_with_rows_still_reports(capsys, tmp_path):
    path = tmp_path / "events.parquet"
    pl.DataFrame({"journey_id": ["J1"], "timestamp": [dt.datetime(2026, 3, 1)], "stage": ["가입"],
                  "channel": ["앱"]}).write_parquet(path)
    assert report.main([str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["journeys"] == 1
