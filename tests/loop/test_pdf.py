"""The PDF's page carries the loop's status: the overview line's sentences, each launched action's impact."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

import report
from figures import loop as loop_figures
from i18n import Message
from loop import db
from loop.actions import all_actions, create_action
from loop.cases import all_cases, open_case, update_case
from store import open_dataset
from tests.support.loop_data import LAUNCH, TARGET, write_planted

pdf_tools = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("chromium"),
                               reason="needs poppler-utils (pdftotext) and /usr/bin/chromium")


@pytest.fixture
def sqlite_url(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'loop.sqlite'}"
    monkeypatch.setenv("CXLENS_DATABASE_URL", url)
    yield url
    db.forget(url)


def _pdf_text(data, out, lang):
    assert report.main([str(data), "--pdf", str(out), "--lang", lang]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pdf_tools
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_pdf_states_the_cases_and_every_launched_actions_impact(sqlite_url, tmp_path, capsys, lang):
    data = write_planted(tmp_path / "events.parquet", 10.0)
    engine = db.open_database(sqlite_url)
    long_ago = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # due 14 days later: overdue today
    open_case(engine, customer_id="C001", journey_id="J00001", owner="kim", by="lee", now=long_ago)
    closed, _ = open_case(engine, customer_id="C002", journey_id="J00002", owner="kim", by="lee")
    update_case(engine, closed, by="kim", status="resolved")
    create_action(engine, title="본인인증 간소화", target_kind="stage", target_value=TARGET, owner="kim", by="lee",
                  status="launched", launch_date=LAUNCH)
    create_action(engine, title="이용 안내", target_kind="stage", target_value="이용", owner="kim", by="lee",
                  status="launched", launch_date=LAUNCH + dt.timedelta(days=7))
    create_action(engine, title="문의 챗봇", target_kind="stage", target_value="문의", owner="kim", by="lee")
    flat = _pdf_text(data, tmp_path / f"loop-{lang}.pdf", lang)
    ds, today = open_dataset(str(data)), loop_figures.today()
    status = loop_figures.loop_status(ds, all_cases(engine), all_actions(engine), today)
    assert [m.key for m in status] == ["loop_line_changed", "loop_impact_stage_nosig", "loop_impact_stage_sig",
                                       "loop_line_cases"]  # the latest launch first; the planned one not there
    assert status[0] == Message("loop_line_changed", launched=2)
    assert status[-1] == Message("loop_line_cases", open=1, overdue=1, closed=1)
    for sentence in status:
        assert " ".join(sentence.text(lang).split()) in flat
    line = loop_figures.loop_line(ds, all_cases(engine), all_actions(engine), today)  # the overview's
    assert (line[0], line[-1]) == (status[0], status[-1]) and line[1] == status[1]
    assert "문의 CSAT" not in flat  # a planned action has no impact to state


@pdf_tools
def test_the_pdf_says_nothing_is_launched_yet_when_no_action_is(sqlite_url, tmp_path, capsys):
    data = write_planted(tmp_path / "events.parquet", 0.0)
    engine = db.open_database(sqlite_url)
    create_action(engine, title="문의 챗봇", target_kind="stage", target_value="문의", owner="kim", by="lee")
    flat = _pdf_text(data, tmp_path / "nothing.pdf", "en")
    assert "What we changed: no improvement launched yet. Cases: 0 open, 0 overdue, 0 closed." in flat
    assert "CSAT 48%" not in flat and "since 2026-11-01" not in flat


def test_the_pdf_status_names_a_database_that_cannot_be_opened_instead_of_failing(monkeypatch, tmp_path):
    monkeypatch.setenv("CXLENS_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    data = write_planted(tmp_path / "events.parquet", 0.0)
    (said,) = loop_figures.database_status(open_dataset(str(data)), loop_figures.today())
    assert said.key == "loop_database_error" and said.values["kind"] == "postgresql"


def test_the_pdf_lists_at_most_five_launched_actions_and_counts_the_rest(sqlite_url, tmp_path):
    data = write_planted(tmp_path / "events.parquet", 0.0)
    engine = db.open_database(sqlite_url)
    for day in range(7):
        create_action(engine, title=f"a{day}", target_kind="keyword", target_value=f"k{day}", owner="kim", by="lee",
                      status="launched", launch_date=LAUNCH + dt.timedelta(days=day))
    status = loop_figures.loop_status(open_dataset(str(data)), all_cases(engine), all_actions(engine),
                                      loop_figures.today())
    assert [m.values.get("target") for m in status[1:6]] == ["k6", "k5", "k4", "k3", "k2"]
    assert status[6] == Message("loop_pdf_more", n=2)
