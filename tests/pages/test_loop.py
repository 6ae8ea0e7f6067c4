"""The Loop page in AppTest: it renders in both languages, a case opens from the detractor list, is assigned and
resolved through the editor, a stale save is refused with who saved first, and the overview's line follows."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from figures import executive
from i18n import t
from loop import audit, db
from loop.actions import all_actions, create_action
from loop.cases import all_cases, get_case, update_case
from store import Filters, open_dataset
from tests.pages.conftest import PAGES
from tests.support.markdown import shown
from ui import loop_data
from ui.drill import Drill


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


# --- a case or an action started in one click on another page arrives on the Loop page filled in


def _plan(at, key, settle=True):
    """Click the plan button ``key`` and land on the Loop page (``settle``: AppTest's own page made the Loop page,
    for the runs that follow)."""
    at.button(key=key).click().run()
    assert _problems(at) == []
    assert [h.value for h in at.title] == [t("page_loop", at.session_state["lang"])]
    # AppTest's next run would run the page it last switched to itself, not the one the script switched to
    return at.switch_page(str(PAGES / "loop.py")).run() if settle else at


def _value(at, widget, label_key):
    return next(w for w in getattr(at, widget) if w.label == t(label_key, "en")).value


def _create_action(at, engine, me="lee"):
    at.text_input(key="loop.me").input(me).run()
    next(b for b in at.button if b.label == t("loop_action_create", "en")).click().run()
    assert _problems(at) == []
    (made,) = all_actions(engine).iter_rows(named=True)
    return made


def test_a_pain_point_plans_an_action_on_its_touchpoint(app, sample_path, loop_url):
    at = app(sample_path)
    first = next(m.value for m in at.markdown if m.value.startswith("**") and " — " in m.value)
    touchpoint = first[2:first.index("**", 2)]  # the pain point line names the touchpoint in bold
    _plan(at, "overview.plan.0")
    assert [s.value for s in at.subheader][0] == t("loop_draft_heading_action", "en")
    assert t("loop_draft_from_pain_point", "en", target=touchpoint) in [c.value for c in at.caption]
    assert _value(at, "text_input", "loop_action_title") == f"Improve {touchpoint}"
    assert _value(at, "selectbox", "loop_target_kind") == "touchpoint"
    assert _value(at, "text_input", "loop_target_value") == touchpoint
    made = _create_action(at, db.open_database(loop_url))
    assert (made["target_kind"], made["target_value"], made["title"], made["created_by"]) == (
        "touchpoint", touchpoint, f"Improve {touchpoint}", "lee")
    assert t("loop_draft_heading_action", "en") not in [s.value for s in at.subheader]  # the draft is done


def test_a_driver_plans_an_action_on_the_fix_first_stage(app, sample_path, loop_url):
    fix = executive.reconciled_fix_first(open_dataset(sample_path), Filters()).stage
    assert fix is not None
    at = app(sample_path, page="drivers.py")
    assert at.button(key="drivers.plan").label == t("loop_plan_action_on", "en", target=fix)
    _plan(at, "drivers.plan")
    assert (_value(at, "selectbox", "loop_target_kind"), _value(at, "text_input", "loop_target_value")) == (
        "stage", fix)
    assert t("loop_draft_from_driver", "en", target=fix) in [c.value for c in at.caption]


def test_a_keyword_plans_an_action_on_it_in_korean(app, sample_path, loop_url):
    at = app(sample_path, page="voc.py", lang="ko")
    assert _problems(at) == []
    keyword = at.selectbox(key="voc.verbatim_keyword").options[1]
    at.selectbox(key="voc.verbatim_keyword").set_value(keyword).run()
    assert at.button(key="voc.plan").label == t("loop_plan_action_on", "ko", target=keyword)
    _plan(at, "voc.plan", settle=False)  # AppTest's own page switch would give the sidebar English again
    assert t("loop_draft_from_keyword", "ko", target=keyword) in [c.value for c in at.caption]
    title = next(w for w in at.text_input if w.label == t("loop_action_title", "ko"))
    assert title.value == f"{keyword} 개선"
    kind = next(w for w in at.selectbox if w.label == t("loop_target_kind", "ko"))
    assert kind.value == "keyword"


def test_a_path_plans_an_action_on_its_last_step_with_the_path_in_the_notes(app, sample_path, loop_url):
    at = app(sample_path, page="journeys.py")
    at.session_state["drill"] = Drill("stage", values=("인지", "탐색", "가입"))
    at.session_state["drill.journey"] = None
    at.run()
    _plan(at, "journeys.plan")
    assert t("loop_draft_from_path", "en", path="인지 → 탐색 → 가입", target="가입") in [c.value for c in at.caption]
    assert _value(at, "text_input", "loop_action_title") == "Improve the path 인지 → 탐색 → 가입"
    assert _value(at, "text_input", "loop_target_value") == "가입"
    assert _value(at, "text_area", "loop_notes") == "인지 → 탐색 → 가입"
    made = _create_action(at, db.open_database(loop_url))
    assert (made["target_kind"], made["target_value"], made["notes"]) == ("stage", "가입", "인지 → 탐색 → 가입")


def test_a_transition_plans_an_action_on_where_it_leads(app, sample_path, loop_url):
    at = app(sample_path, page="journeys.py")
    at.session_state["drill"] = Drill("channel", start="웹", end="모바일 앱")
    at.session_state["drill.journey"] = None
    at.run()
    _plan(at, "journeys.plan")
    assert (_value(at, "selectbox", "loop_target_kind"), _value(at, "text_input", "loop_target_value")) == (
        "channel", "모바일 앱")


def _worst_rated(path, journey_id):
    """The journey's stage with the lowest mean satisfaction (ties by stage order) and that stage's lowest-rated
    touchpoint (the first in time of a tie), straight from the Parquet file."""
    ev = pl.read_parquet(path).filter(pl.col("journey_id") == journey_id).sort("timestamp")
    order = {s: i for i, s in enumerate(open_dataset(path).stage_order)}
    rated = ev.filter(pl.col("satisfaction").is_not_null())
    means = rated.group_by("stage").agg(pl.col("satisfaction").mean().alias("m"))
    stage = min(means.iter_rows(named=True), key=lambda r: (r["m"], order[r["stage"]]))["stage"]
    at_stage = rated.filter(pl.col("stage") == stage)
    return stage, at_stage.filter(pl.col("satisfaction") == at_stage["satisfaction"].min())["touchpoint"][0]


def test_a_journey_opens_a_case_on_its_customer_at_the_lowest_rated_stage(app, sample_path, loop_url):
    row = executive.detractors(open_dataset(sample_path), Filters()).filter(
        pl.col("worst_stage").is_not_null()).row(0, named=True)
    stage, touchpoint = _worst_rated(sample_path, row["journey_id"])
    assert stage == row["worst_stage"]  # the same definition as the detractor list's
    at = app(sample_path, page="journeys.py")
    at.session_state["drill.journey"] = row["journey_id"]
    at.run()
    _plan(at, "journeys.open_case")
    assert [s.value for s in at.subheader][0] == t("loop_draft_heading_case", "en")
    assert t("loop_draft_from_journey", "en", journey=row["journey_id"], customer=row["customer_id"]) in [
        c.value for c in at.caption]
    assert _value(at, "text_input", "loop_col_stage") == stage
    assert _value(at, "text_input", "loop_col_touchpoint") == touchpoint
    at.text_input(key="loop.me").input("lee").run()
    next(b for b in at.button if b.label == t("loop_draft_open_case", "en")).click().run()
    assert _problems(at) == []
    engine = db.open_database(loop_url)
    (case,) = all_cases(engine).iter_rows(named=True)
    assert (case["journey_id"], case["customer_id"], case["stage"], case["touchpoint"], case["owner"]) == (
        row["journey_id"], row["customer_id"], stage, touchpoint, "lee")
    assert t("loop_draft_heading_case", "en") not in [s.value for s in at.subheader]
    # the same journey again: its case is there already, and the form says so instead of opening a second
    at.switch_page(str(PAGES / "journeys.py")).run()
    at.session_state["drill.journey"] = row["journey_id"]
    at.run()
    _plan(at, "journeys.open_case")
    assert at.text_input(key="loop.me").value == "lee"  # the name typed is kept across pages
    next(b for b in at.button if b.label == t("loop_draft_open_case", "en")).click().run()
    assert t("loop_case_already_open", "en", id=case["id"], journey=row["journey_id"], owner="lee") in [
        i.value for i in at.info]
    assert all_cases(engine).height == 1


def test_a_draft_without_the_editor_name_is_not_created_and_stays(app, sample_path, loop_url):
    at = app(sample_path, page="voc.py")
    at.selectbox(key="voc.verbatim_keyword").set_value(at.selectbox(key="voc.verbatim_keyword").options[1]).run()
    _plan(at, "voc.plan")
    next(b for b in at.button if b.label == t("loop_action_create", "en")).click().run()
    assert t("loop_missing_editor", "en") in [e.value for e in at.error]
    assert all_actions(db.open_database(loop_url)).is_empty()
    assert [s.value for s in at.subheader][0] == t("loop_draft_heading_action", "en")
    at.button(key="loop.draft_discard").click().run()
    assert t("loop_draft_heading_action", "en") not in [s.value for s in at.subheader]


def test_a_scoped_viewer_has_no_button_to_the_loop_page_they_do_not_have(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import ENTRY
    from tests.support.scoped import events, write, write_access
    from tests.test_access import AUTH

    frame = events()
    seoul = frame.filter(pl.col("region") == "서울")["journey_id"][0]
    monkeypatch.setenv("CXLENS_DATA", str(write(tmp_path / "bank.parquet", frame)))
    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(write_access(tmp_path / "access.toml")))
    url = f"sqlite:///{tmp_path / 'loop.sqlite'}"
    monkeypatch.setenv("CXLENS_DATABASE_URL", url)
    buttons = {}
    for email in ("seoul@bank.co.kr", "all@bank.co.kr"):
        at = AppTest.from_file(ENTRY, default_timeout=120)
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, "email": email, "name": email}
        at.query_params["journey"] = seoul
        at.run()
        at.switch_page(str(PAGES / "journeys.py")).run()
        assert _problems(at) == []
        assert t("episode_title", "en", journey=seoul) in [h.value for h in at.subheader]
        buttons[email] = [b.key for b in at.button if b.key == "journeys.open_case"]
    assert buttons == {"seoul@bank.co.kr": [], "all@bank.co.kr": ["journeys.open_case"]}
    db.forget(url)


# --- every write on the Loop page appends its row to the audit trail, shown on the admins' Access page


def _writes(engine) -> list[tuple[str, str, str, str]]:
    trail = audit.trail(engine).filter(event="write")
    return list(zip(trail["email"], trail["role"], trail["item"], trail["detail"], strict=True))


def test_a_case_opened_and_edited_on_the_page_appends_one_audit_row_each(app, sample_path, loop_url):
    row = executive.detractors(open_dataset(sample_path), Filters()).filter(
        pl.col("worst_stage").is_not_null()).row(0, named=True)
    at = app(sample_path, page="journeys.py")
    at.session_state["drill.journey"] = row["journey_id"]
    at.run()
    _plan(at, "journeys.open_case")
    at.text_input(key="loop.me").input("lee").run()
    next(w for w in at.text_area if w.label == t("loop_notes", "en")).input("고객 010-2222-3333 회신 요청")
    next(b for b in at.button if b.label == t("loop_draft_open_case", "en")).click().run()
    engine = db.open_database(loop_url)
    (case_id,) = all_cases(engine)["id"].to_list()
    next(w for w in at.selectbox if w.label == t("loop_status", "en") and w.value == "open").set_value("contacted")
    next(w for w in at.text_area if w.label == t("loop_notes", "en")).input("called back")
    next(b for b in at.button if b.label == t("loop_save", "en")).click().run()
    assert _problems(at) == [] and get_case(engine, case_id).status == "contacted"
    (opened, edited) = _writes(engine)
    assert opened[:3] == ("lee", "user", f"case {case_id}")  # open access: the name typed, the default role
    assert opened[3].startswith(f"opened; customer_id: {row['customer_id']}; journey_id: {row['journey_id']}; "
                                "owner: lee; status: open") and opened[3].endswith("notes written")
    assert edited == ("lee", "user", f"case {case_id}", "status: open → contacted; notes changed")
    next(b for b in at.button if b.label == t("loop_save", "en")).click().run()  # nothing changed: nothing written
    assert len(_writes(engine)) == 2 and "2222" not in opened[3]


def test_an_admins_action_shows_on_the_access_pages_trail(app, sample_path):
    lang = "en"  # AppTest formats a Korean form's selectbox in English when it sets a value: tests/ui has the ko labels
    at = app(sample_path, "access.py")  # boss@bank.co.kr, admin, signed in
    at.switch_page(str(PAGES / "loop.py")).run()
    with_label = {w.label: w for w in at.text_input}
    with_label[t("loop_action_title", lang)].input("본인인증 간소화")
    with_label[t("loop_target_value", lang)].input("본인인증")
    next(b for b in at.button if b.label == t("loop_action_create", lang)).click().run()
    assert _problems(at) == []
    (made,) = all_actions(db.open_database()).iter_rows(named=True)
    at.switch_page(str(PAGES / "access.py")).run()
    trail = at.dataframe[1].value
    newest = {label: trail[label].iloc[0] for label in trail.columns}
    assert newest[t("audit_col_event", lang)] == t("audit_event_write", lang)
    assert newest[t("audit_col_email", lang)] == "boss@bank.co.kr" and newest[t("audit_col_role", lang)] == "admin"
    assert newest[t("audit_col_item", lang)] == f"action {made['id']}"
    assert newest[t("audit_col_detail", lang)] == ("created; title written; target_kind: stage; target_value: 본인인증; "
                                                   "metric: csat; owner: boss@bank.co.kr; status: planned")
    # newest first: the write, the pages viewed before it (the Access page again with the same filters adds none)
    assert list(trail[t("audit_col_event", lang)]) == [t(f"audit_event_{e}", lang)
                                                       for e in ("write", "view", "view", "view", "sign_in")]
    assert list(trail[t("audit_col_item", lang)])[1:4] == ["loop", "access", "overview"]
