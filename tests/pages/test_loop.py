"""The Loop page in AppTest: it renders in both languages, a case opens from the detractor list, is assigned and
resolved through the editor, a stale save is refused with who saved first, and the overview's line follows."""

from __future__ import annotations

import datetime as dt

import pytest

from figures import executive
from i18n import t
from loop import db
from loop.actions import create_action
from loop.cases import all_cases, get_case, update_case
from store import Filters, open_dataset
from tests.support.markdown import shown
from ui import loop_data


@pytest.fixture
def loop_url(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'loop.sqlite'}"
    monkeypatch.setenv("CXLENS_DATABASE_URL", url)
    yield url
    db.forget(url)


def _problems(at):
    return list(at.exception) + [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_loop_page_renders_with_an_action_and_its_impact_chart(app, sample_path, loop_url, lang):
    create_action(db.open_database(loop_url), title="인증 간소화", target_kind="stage", target_value="본인인증",
                  owner="kim", by="lee", status="launched", launch_date=dt.date(2025, 7, 1))
    at = app(sample_path, page="loop.py", lang=lang)
    assert _problems(at) == []
    assert [h.value for h in at.title] == [t("page_loop", lang)]
    assert len(at.get("plotly_chart")) == 1
    said = [m.value for m in at.markdown]
    assert any(s.startswith("본인인증 CSAT ") for s in said)


def test_a_case_opened_assigned_and_resolved_and_a_stale_save_refused(app, sample_path, loop_url):
    at = app(sample_path, page="loop.py")
    at.text_input(key="loop.me").input("lee").run()
    engine = db.open_database(loop_url)
    first = executive.detractors(open_dataset(sample_path), Filters()).row(0, named=True)
    # the button with a picked row of the detractor list (the click on the row is the browser test's)
    loop_data.open_from(first, "lee", "lee")
    (case_id,) = all_cases(engine)["id"].to_list()
    case = get_case(engine, case_id)
    assert (case.journey_id, case.owner, case.stage) == (first["journey_id"], "lee", first["worst_stage"])
    at.session_state["loop.selected"] = case.id
    at.run()
    assert _problems(at) == []
    owner = next(w for w in at.text_input if w.label == t("loop_owner", "en") and w.value == "lee")
    owner.input("park")
    next(w for w in at.selectbox if w.label == t("loop_status", "en") and w.value == "open").set_value("resolved")
    next(b for b in at.button if b.label == t("loop_save", "en")).click().run()
    assert _problems(at) == []
    saved = get_case(engine, case.id)
    assert (saved.owner, saved.status, saved.version) == ("park", "resolved", 2)
    assert t("loop_case_saved", "en", id=case.id, version=2) in [s.value for s in at.success]
    # someone else saves in between: this editor's next save is refused with their name
    update_case(engine, saved, by="choi", notes="called back")
    next(w for w in at.text_area if w.label == t("loop_notes", "en")).input("mine")
    next(b for b in at.button if b.label == t("loop_save", "en")).click().run()
    assert any("Not saved: choi changed case" in e.value for e in at.error)
    assert get_case(engine, case.id).notes == "called back"
    overview = app(sample_path)
    line = "What we changed: no improvement launched yet. Cases: 0 open, 0 overdue, 1 closed."
    assert line in [shown(m.value) for m in overview.markdown]
    assert all_cases(engine).height == 1
