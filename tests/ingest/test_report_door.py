"""report.py DATA with an ad-hoc file: the same figures from every corpus file, quarantine on stderr, errors."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

import report

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "ingest"


def run(capsys, *argv):
    code = report.main([*map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", ["cp949_korean.csv", "pm4py.csv", "semicolon.csv", "bom_crlf.csv", "excel.xlsx",
                                  "dirty.csv"])
def test_report_json_on_each_corpus_file_has_the_hand_computed_figures(capsys, name):
    flags = ["--accept-invalid"] if name == "dirty.csv" else []  # more invalid rows than valid ones
    code, out, _ = run(capsys, CORPUS / name, "--format", "json", *flags)
    r = json.loads(out)
    assert code == 0
    assert (r["events"], r["journeys"], r["nps_responses"]) == (5, 3, 3)
    assert math.isclose(r["nps"], 100 / 3)          # promoters 10, 9; detractor 6
    assert math.isclose(r["csat"], 200 / 3)         # ratings 5, 2, 4
    assert math.isclose(r["ces"], 4.5)              # 6, 3
    assert r["median_journey_hours"] == 0.5         # durations 0.5, 1, 0 hours
    assert r["handoffs"] == [{"from": "앱", "to": "웹", "count": 1}, {"from": "웹", "to": "지점", "count": 1}]


def test_report_json_says_zero_rejected_rows_for_a_clean_file(capsys):
    _, out, err = run(capsys, CORPUS / "cp949_korean.csv", "--format", "json")
    assert json.loads(out)["rejected_rows"] == 0
    assert err == ""


def test_report_prints_quarantined_rows_to_stderr_and_counts_them(capsys):
    code, out, err = run(capsys, CORPUS / "dirty.csv", "--format", "json", "--accept-invalid")
    assert code == 0
    assert json.loads(out)["rejected_rows"] == 7
    assert err.splitlines() == [
        "row 8: journey_id is missing",
        "row 9: timestamp '2026-02-30 09:00' is not a date and time",
        "row 11: nps 11 is outside 0–10",
        "row 12: satisfaction 6 is outside 1–5",
        "row 13: nps 7.5 is not a whole number",
        "row 14: ces '쉬움' is not a number",
        "row 15: channel is missing",
    ]


def test_report_stops_when_most_rows_are_invalid_unless_accepted(capsys):
    code, out, err = run(capsys, CORPUS / "dirty.csv", "--format", "json")
    assert (code, out) == (2, "")
    assert err == ("error: dirty.csv: 7 of 12 rows (58%) are invalid; first: row 8, journey_id is missing. Check which "
                   "column feeds each field.\n")


def test_report_stops_when_no_row_is_valid(capsys, tmp_path):
    path = tmp_path / "wrong_time.csv"
    path.write_text("journey_id,timestamp,stage,channel\nJ1,어제,s,c\nJ2,오늘,s,c\n")
    code, out, err = run(capsys, path, "--accept-invalid")
    assert (code, out) == (2, "")
    assert err == ("error: wrong_time.csv: no row is valid; first: row 2, timestamp '어제' is not a date and time. "
                   "Check which column feeds each field.\n")


def test_report_warns_about_a_score_column_no_field_uses(capsys, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("journey_id,timestamp,stage,channel,추천점수2\nJ1,2026-03-01 09:00,s,c,10\nJ2,2026-03-01 10:00,s,c,3\n"
                    "J3,2026-03-01 11:00,s,c,0\n")
    code, out, err = run(capsys, path, "--format", "json")
    assert code == 0
    assert json.loads(out)["nps"] is None
    assert err == ("warning: Column '추천점수2' holds 0–10 scores but no field uses it, so no figure counts it; map it "
                   "to nps, satisfaction or ces.\n")


def test_report_strict_fails_on_the_first_invalid_row(capsys):
    code, out, err = run(capsys, CORPUS / "dirty.csv", "--strict")
    assert (code, out) == (2, "")
    assert err == "error: dirty.csv: 7 rows are invalid; first: row 8, journey_id is missing.\n"


def test_report_map_chooses_among_ambiguous_columns(capsys):
    code, out, _ = run(capsys, CORPUS / "ambiguous.csv", "--map", "timestamp=event_time", "--format", "json")
    assert code == 0
    assert json.loads(out)["journeys"] == 1


def test_report_map_fills_a_missing_required_column(capsys):
    code, out, _ = run(capsys, CORPUS / "missing_stage.csv", "--map", "stage=phase", "--format", "json")
    assert code == 0
    assert json.loads(out)["stages"][0]["stage"] == "인지"


def test_report_map_of_a_malformed_pair_is_an_error(capsys):
    code, _, err = run(capsys, CORPUS / "pm4py.csv", "--map", "journey_id")
    assert code == 2
    assert err == "error: --map journey_id is not of the form CANONICAL=SOURCE (e.g. --map journey_id=case_id).\n"


@pytest.mark.parametrize(("name", "message"), [
    ("empty.csv", "empty.csv is empty."),
    ("image.csv", "image.csv is not a table: it looks like a PNG image."),
    ("binary.csv", "binary.csv is not a table: it holds binary data, not text."),
    ("missing_stage.csv", "The file has no column for 'stage', which is required; map one "
                          "(report.py: --map stage=COLUMN)."),
    ("duplicate_columns.csv", "duplicate_columns.csv has the column name 'nps' twice in its header; rename one."),
    ("ambiguous.csv", "Columns 'date' and 'event_time' could all be 'timestamp'; choose one "
                      "(report.py: --map timestamp=COLUMN)."),
])
def test_report_whole_file_problem_is_one_error_line_and_exit_2(capsys, name, message):
    code, out, err = run(capsys, CORPUS / name)
    assert (code, out, err) == (2, "", f"error: {message}\n")


def test_report_as_a_process_prints_no_traceback_for_an_undecodable_file():
    proc = subprocess.run([sys.executable, "report.py", str(CORPUS / "undecodable.csv")], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr == ("error: undecodable.csv is neither UTF-8 nor CP949/EUC-KR text (undecodable byte 0x80 in "
                           "column '채널', line 3); save it as CSV UTF-8.\n")


def test_report_refuses_a_file_over_the_upload_limit(capsys, monkeypatch):
    monkeypatch.setenv("CXLENS_UPLOAD_LIMIT_MB", "0.0001")
    code, _, err = run(capsys, CORPUS / "pm4py.csv")
    assert code == 2
    assert err == "error: pm4py.csv is 0.0 MB, over the upload limit of 0.0001 MB (setting upload_limit_mb).\n"
