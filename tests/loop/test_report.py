"""report.py --loop on SQLite and PostgreSQL (CXLENS_DATABASE_URL): the key, its documented names, the table."""

from __future__ import annotations

import json

import report
from loop.actions import create_action
from loop.cases import open_case
from tests.support.loop_data import LAUNCH, TARGET, write_planted
from tests.test_docs import documented, keys


def test_report_loop_prints_the_case_metrics_and_each_actions_impact(engine, database_url, monkeypatch, tmp_path,
                                                                    capsys):
    monkeypatch.setenv("CXLENS_DATABASE_URL", database_url)
    data = write_planted(tmp_path / "events.parquet", 10.0)
    open_case(engine, customer_id="C001", journey_id="J00001", owner="kim", by="lee", notes="010-1234-5678")
    create_action(engine, title="본인인증 간소화", target_kind="stage", target_value=TARGET, owner="kim", by="lee",
                  status="launched", launch_date=LAUNCH)
    assert report.main([str(data), "--loop", "--format", "json"]) == 0
    loop = json.loads(capsys.readouterr().out)["loop"]
    assert loop["cases"]["cases"] == 1 and loop["cases"]["open"] == 1
    (action,) = loop["actions"]
    assert action["impact"]["significant"] is True and action["impact"]["did_ci"][0] < 10 < action["impact"]["did_ci"][1]
    assert action["summary"] in loop["line"] and action["launch_date"] == "2026-11-01"
    undocumented = sorted(k for k in keys(loop) if not documented(k))
    assert undocumented == []
    assert "010-1234-5678" not in json.dumps(loop)

    assert report.main([str(data), "--loop"]) == 0
    table = capsys.readouterr().out
    assert loop["line"] in table and "cases                 1 (1 open, 0 overdue, 0 closed)" in table
    assert f"action #{action['id']} [launched] 본인인증 간소화: {action['summary']}" in table


def test_report_without_loop_does_not_open_the_database(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CXLENS_DATABASE_URL", f"sqlite:///{tmp_path}/never/loop.sqlite")
    data = write_planted(tmp_path / "events.parquet", 0.0)
    assert report.main([str(data), "--format", "json"]) == 0
    assert "loop" not in json.loads(capsys.readouterr().out)
    assert not (tmp_path / "never").exists()


def test_report_loop_with_an_unreachable_database_is_one_error_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CXLENS_DATABASE_URL", f"postgresql://someone:secret@/nowhere?unix_sock={tmp_path}/.s.PGSQL.5432")
    data = write_planted(tmp_path / "events.parquet", 0.0)
    assert report.main([str(data), "--loop"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: The cases database (postgresql) cannot be opened") and "secret" not in err
