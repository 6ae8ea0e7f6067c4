"""report.py's ``paths``, ``transitions`` and ``--journey`` against a plain-Python computation from the definitions."""

import datetime as dt
import json
import statistics

import polars as pl
import pytest

import report
from tests.support.telco import telco_events

T = dt.datetime(2025, 5, 1, 8)


@pytest.fixture(scope="module")
def telco(tmp_path_factory):
    frame = telco_events(500, seed=21)
    path = tmp_path_factory.mktemp("report_paths") / "telco.parquet"
    frame.write_parquet(path)
    return frame, path


def run_json(capsys, *argv):
    assert report.main([*map(str, argv), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _journeys(frame: pl.DataFrame) -> dict[str, list[dict]]:
    by_journey: dict[str, list[dict]] = {}
    for r in frame.iter_rows(named=True):
        by_journey.setdefault(r["journey_id"], []).append(r)
    for evs in by_journey.values():
        evs.sort(key=lambda r: (r["timestamp"], r["stage"], r["channel"], r["touchpoint"] or "", r["nps"] is None,
                                r["nps"] or 0))
    return by_journey


def _collapse(values: list[str]) -> list[str]:
    return [v for i, v in enumerate(values) if i == 0 or v != values[i - 1]]


def _nps(answers: list[int]) -> float | None:
    return 100 * (sum(a >= 9 for a in answers) - sum(a <= 6 for a in answers)) / len(answers) if answers else None


def test_report_paths_and_transitions_equal_a_plain_python_computation(telco, capsys):
    frame, path = telco
    got = run_json(capsys, path)
    by_journey = _journeys(frame)
    for kind in ("stage", "channel", "touchpoint"):
        groups: dict[tuple, list] = {}
        moves: dict[tuple, list] = {}
        for jid, evs in by_journey.items():
            answer = next((r["nps"] for r in reversed(evs) if r["nps"] is not None), None)
            hours = (evs[-1]["timestamp"] - evs[0]["timestamp"]).total_seconds() / 3600
            groups.setdefault(tuple(_collapse([r[kind] for r in evs])), []).append((answer, hours))
            named = [r for r in evs if r[kind] is not None]  # touchpoints without a name are skipped
            for a, b in zip(named, named[1:], strict=False):
                if a[kind] != b[kind]:
                    moves.setdefault((a[kind], b[kind]), []).append(
                        (jid, answer, (b["timestamp"] - a["timestamp"]).total_seconds() / 3600))
        ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), ">".join(map(str, kv[0]))))[:20]
        if kind == "touchpoint":  # no touchpoint paths; the touchpoint map (15 touchpoints here)
            assert "touchpoint" not in got["paths"]
            ranked = []
        assert [p["path"] for p in got["paths"].get(kind, [])] == [list(k) for k, _ in ranked]
        for p, (_, members) in zip(got["paths"].get(kind, []), ranked, strict=True):
            answers = [a for a, _ in members if a is not None]
            assert p["journeys"] == len(members) and p["nps_responses"] == len(answers)
            assert p["share"] == pytest.approx(100 * len(members) / len(by_journey))
            assert p["nps"] == pytest.approx(_nps(answers)) if answers else p["nps"] is None
            assert p["median_journey_hours"] == pytest.approx(statistics.median(h for _, h in members))
        edges = {(e["from"], e["to"]): e for e in got["transitions"][kind]}
        assert set(edges) == set(moves)
        for key, rows in moves.items():
            e = edges[key]
            per_journey = {jid: a for jid, a, _ in rows}
            assert (e["count"], e["journeys"]) == (len(rows), len(per_journey))
            assert e["median_hours"] == pytest.approx(statistics.median(h for _, _, h in rows))
            answers = [a for a in per_journey.values() if a is not None]
            assert e["nps"] == pytest.approx(_nps(answers)) if answers else e["nps"] is None
        assert [e["count"] for e in got["transitions"][kind]] == sorted(edges[k]["count"] for k in edges)[::-1]


def test_report_journey_prints_the_episode_in_journey_order_with_ties_and_masked_comments(tmp_path, capsys):
    rows = [("j", T + dt.timedelta(hours=2), "b", "web", None, "연락처 010-1234-5678 로 전화 주세요"),
            ("j", T, "a", "app", 9, None), ("j", T, "a", "app", None, "메일은 kim@example.com"),
            ("k", T, "a", "app", 3, "다른 여정")]
    frame = pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "nps", "comment"], orient="row")
    frame = frame.with_columns(customer_id=pl.lit("C1"))
    path = tmp_path / "episode.parquet"
    frame.write_parquet(path)
    got = run_json(capsys, path, "--journey", "j")
    assert (got["journey_id"], got["customer_id"]) == ("j", "C1")
    events = got["events"]
    # the tie at T: nps 9 before nps null (nulls last), as the facts order them
    assert [(e["timestamp"], e["nps"], e["gap_hours"]) for e in events] == [
        ("2025-05-01T08:00:00", 9, None), ("2025-05-01T08:00:00", None, 0.0), ("2025-05-01T10:00:00", None, 2.0)]
    assert [e["comment"] for e in events] == [None, "메일은 ***@***", "연락처 ***-****-**** 로 전화 주세요"]


def test_report_journey_with_an_unknown_id_is_an_error_and_exit_2(telco, capsys):
    _, path = telco
    assert report.main([str(path), "--journey", "no such journey"]) == 2
    assert capsys.readouterr().err.startswith("error: No journey has the id 'no such journey'")


def test_report_path_contains_keeps_journeys_whose_stage_or_channel_path_has_the_sequence(telco, capsys):
    frame, path = telco
    by_journey = _journeys(frame)
    seq = ["대리점", "웹"]

    def has(values):
        path_ = _collapse(values)
        return any(path_[i:i + 2] == seq for i in range(len(path_) - 1))

    want = [j for j, evs in by_journey.items() if has([r["stage"] for r in evs]) or has([r["channel"] for r in evs])]
    got = run_json(capsys, path, "--path-contains", "대리점>웹")
    assert got["journeys"] == len(want) > 0
    assert got["events"] == sum(len(by_journey[j]) for j in want)
