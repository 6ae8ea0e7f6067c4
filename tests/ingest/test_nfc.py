"""Korean names typed on macOS (NFD, decomposed jamo) and on Windows (NFC) are one name everywhere."""

import datetime as dt
import json
import unicodedata

import polars as pl
import pytest

import ingest
import report
from errors import DataError
from store import Filters, open_dataset
from store import queries as q
from ui.state import parse_query


def nfd(text):
    return unicodedata.normalize("NFD", text)


def nfc(text):
    return unicodedata.normalize("NFC", text)


JOIN, EXPLORE = "가입", "탐색 단계"
assert nfd(JOIN) != JOIN  # the test is only meaningful when the two spellings differ as strings


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))


def events(stage_spelling):
    """Four journeys, rows shuffled; journeys 1 and 3 spell 가입 in NFD (a Mac export), 2 and 4 in NFC."""
    rows = [
        ("J3", "2026-03-02 10:00", stage_spelling(JOIN), "앱", 4),
        ("J1", "2026-03-01 09:00", nfc(EXPLORE), "웹", 5),
        ("J2", "2026-03-01 11:00", JOIN, "지점", 2),
        ("J1", "2026-03-01 09:30", stage_spelling(JOIN), "앱", 3),
        ("J4", "2026-03-03 08:00", nfd(EXPLORE), "콜센터", 1),
        ("J2", "2026-03-01 10:00", EXPLORE, "웹", 5),
        ("J4", "2026-03-03 09:15", JOIN, "앱", 4),
        ("J3", "2026-03-02 09:00", nfd(EXPLORE), "웹", 5),
    ]
    return rows


def csv_bytes(rows, stage_header="단계"):
    lines = [f"여정ID,일시,{stage_header},채널,만족도"] + [",".join(map(str, r)) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def test_nfd_and_nfc_spellings_of_one_stage_are_one_stage_after_ingest():
    loaded = ingest.load(csv_bytes(events(nfd), stage_header=nfd("단계")), "mac.csv")
    assert loaded.mapping.columns["stage"] == "단계"          # an NFD header maps like the NFC one
    assert sorted(loaded.events["stage"].unique().to_list()) == sorted([JOIN, EXPLORE])
    assert all(unicodedata.is_normalized("NFC", s) for s in loaded.events["stage"].to_list())


def test_text_in_extra_columns_and_an_xlsx_is_nfc_too(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["journey_id", "timestamp", "stage", "channel", nfd("지역")])
    wb.active.append(["J1", "2026-03-01 09:00", nfd(JOIN), "앱", nfd("서울")])
    wb.active.append(["J2", "2026-03-01 10:00", JOIN, nfd("앱"), "서울"])
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    loaded = ingest.load(path)
    assert loaded.events["stage"].to_list() == [JOIN, JOIN]
    assert loaded.events["channel"].to_list() == ["앱", "앱"]
    assert loaded.events["지역"].to_list() == ["서울", "서울"]


def test_a_header_that_repeats_a_name_in_the_other_spelling_is_a_duplicate():
    data = f"journey_id,timestamp,stage,channel,단계,{nfd('단계')}\nJ1,2026-03-01 09:00,a,web,x,y\n".encode()
    with pytest.raises(DataError, match="'단계' twice"):
        ingest.load(data, "dup.csv")


def run(capsys, *argv):
    code = report.main([*map(str, argv)])
    out = capsys.readouterr()
    return code, json.loads(out.out) if code == 0 else out.err


def test_report_stage_typed_in_nfc_selects_every_journey_of_nfd_data(capsys, tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(csv_bytes(events(nfd)))
    code, r = run(capsys, path, "--stage", JOIN, "--format", "json")
    assert code == 0
    # every journey has a 가입 touchpoint: J1 and J3 in NFD, J2 and J4 in NFC
    assert (r["journeys"], r["events"]) == (4, 4)
    assert [s["stage"] for s in r["stages"] if s["events"]] == [JOIN]


def test_report_stage_typed_in_nfd_selects_the_nfc_stage(capsys, tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes(csv_bytes(events(nfc)))
    code, r = run(capsys, path, "--stage", nfd(JOIN), "--format", "json")
    assert (code, r["journeys"], r["events"]) == (0, 4, 4)


def direct_parquet(tmp_path, rows):
    frame = pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "satisfaction"], orient="row")
    frame = frame.with_columns(pl.col("timestamp").str.to_datetime("%Y-%m-%d %H:%M"),
                               pl.col("satisfaction").cast(pl.Float64),
                               region=pl.Series([nfd("서울"), "서울", nfd("부산"), "부산"] * 2))
    path = tmp_path / "events.parquet"
    frame.write_parquet(path)
    return path


def test_the_direct_parquet_path_normalises_stage_channel_and_dimension_values(tmp_path):
    ds = open_dataset(direct_parquet(tmp_path, events(nfd)))
    assert sorted(ds.stage_order) == sorted([JOIN, EXPLORE])
    options = q.filter_options(ds)
    assert sorted(options["region"]) == ["부산", "서울"]
    assert sorted(options["channel"]) == sorted(["앱", "웹", "지점", "콜센터"])
    # a journey's region is its first event's: J1 서울, J2 서울, J4 서울 in NFD, J3 부산 in NFD
    assert q.totals(ds, Filters.make(stage=[JOIN], dims={"region": ["서울"]}))["journeys"] == 3


def test_report_stage_in_nfc_selects_every_journey_of_a_direct_nfd_parquet(capsys, tmp_path):
    path = direct_parquet(tmp_path, events(nfd))
    code, r = run(capsys, path, "--stage", JOIN, "--format", "json")
    assert (code, r["journeys"], r["events"]) == (0, 4, 4)
    assert r["rejected_rows"] == 0


def test_a_url_value_in_nfd_selects_the_nfc_value_of_the_data():
    options = {"persona": [], "channel": ["앱"], "stage": [JOIN, EXPLORE], "지역": ["서울"],
               "dates": [dt.date(2026, 3, 1), dt.date(2026, 3, 3)]}
    values, warnings = parse_query({"stage": [nfd(JOIN), JOIN], nfd("지역"): [nfd("서울")]}, options, ["지역"])
    assert values["stage"] == [JOIN]
    assert values["지역"] == ["서울"]
    assert warnings == []
