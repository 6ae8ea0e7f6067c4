"""report.py against an independent plain-Python computation on a telco dataset (Korean values, shuffled rows)."""

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

import report
from tests.support.telco import reference_report, telco_events

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def telco(tmp_path_factory):
    frame = telco_events()
    path = tmp_path_factory.mktemp("telco") / "telco.parquet"
    frame.write_parquet(path)
    return frame, path


def run_json(capsys, *argv):
    assert report.main([*map(str, argv), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def assert_matches(got, want):
    for key in ("events", "journeys", "nps_responses"):
        assert got[key] == want[key], key
    for key in ("nps", "csat", "ces", "median_journey_hours", "p90_journey_hours", "handoff_rate"):
        assert close(got[key], want[key]), (key, got[key], want[key])
    assert [s["stage"] for s in got["stages"]] == list(want["stages"])
    for s in got["stages"]:
        w = want["stages"][s["stage"]]
        assert (s["events"], s["journeys"]) == (w["events"], w["journeys"]), s["stage"]
        assert close(s["mean_satisfaction"], w["mean_satisfaction"]) and close(s["csat"], w["csat"]), s["stage"]
    assert {(h["from"], h["to"]): h["count"] for h in got["handoffs"]} == want["handoffs"]


def test_report_equals_independent_computation_without_filters(telco, capsys):
    frame, path = telco
    got = run_json(capsys, path)
    assert set(got) >= {"events", "journeys", "nps", "nps_responses", "csat", "ces", "median_journey_hours",
                        "p90_journey_hours", "handoff_rate", "stages", "handoffs"}
    assert_matches(got, reference_report(frame))


def test_report_equals_independent_computation_with_persona(telco, capsys):
    frame, path = telco
    got = run_json(capsys, path, "--persona", "직장인", "--persona", "시니어")
    assert_matches(got, reference_report(frame, persona={"직장인", "시니어"}))


def test_report_equals_independent_computation_with_since_until_inclusive(telco, capsys):
    frame, path = telco
    got = run_json(capsys, path, "--since", "2026-02-01", "--until", "2026-02-28")
    assert_matches(got, reference_report(frame, since=dt.date(2026, 2, 1), until=dt.date(2026, 2, 28)))


def test_report_equals_independent_computation_with_channel_and_stage(telco, capsys):
    frame, path = telco
    got = run_json(capsys, path, "--channel", "웹", "--stage", "개통")
    assert_matches(got, reference_report(frame, channel={"웹"}, stage={"개통"}))


def test_report_of_an_impossible_filter_has_no_figures_but_does_not_fail(telco, capsys):
    _, path = telco
    got = run_json(capsys, path, "--persona", "nobody")
    assert (got["events"], got["journeys"], got["nps"], got["csat"], got["handoff_rate"]) == (0, 0, None, None, None)


def test_report_table_is_the_default_format(telco, capsys):
    _, path = telco
    assert report.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "NPS" in out and "handoff rate" in out and "개통" in out


def test_missing_data_prints_one_error_line_and_exits_2(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "report.py"), str(tmp_path / "nope.parquet")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"error: The data source {tmp_path / 'nope.parquet'} does not exist."]
    assert "Traceback" not in proc.stderr


def test_unreadable_data_prints_one_error_line_and_exits_2(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"this is not parquet")
    proc = subprocess.run([sys.executable, str(ROOT / "report.py"), str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and proc.stderr.startswith("error: ")
