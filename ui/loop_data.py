"""The Loop page's session side: who is editing, the case as its editor read it, the writes and what they say.

Cases and actions are not cached: another person's change must show on the next run. Each write appends its
audit row as this session's viewer (ui.audit.actor), in the write's own transaction. A write's outcome is kept
as a message key for the next run (``loop.said``), so it shows after the rerun that redraws the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl
import streamlit as st

import settings
from errors import DataError
from figures import loop as loop_figures
from i18n import t
from loop.actions import all_actions, create_action, get_action, update_action
from loop.cases import EditConflict, add_root_cause, all_cases, get_case, open_case, root_cause_names, update_case
from metrics.paths import shown
from store import Dataset
from ui import audit, text
from ui.state import KEPT_PARAMS, keep_filter_values

ME = "loop.me"
_ME_KEPT = "loop.me_kept"  # the name typed, kept while the session visits other pages
SAID = "loop.said"
# the recovery test's outcome (significant: True, False, or None when it cannot be tested) → its words
RECOVERY_VERDICT = {True: "loop_recovery_sig", False: "loop_recovery_nosig", None: "loop_recovery_untested"}
_READ = "loop.read."  # + case id: the case as the editor first saw it (the version a save is checked against)
_READ_ACTION = "loop.read_action."


def signed_in_email() -> str | None:
    """The signed-in person's e-mail (hosted with sign-in), else None."""
    try:
        user = st.user.to_dict()
    except Exception:  # no user information on this host
        return None
    return user.get("email") if user.get("is_logged_in") else None


def identity() -> str:
    """Who is editing: the signed-in e-mail, else the name typed in the "You are" box (kept for the session)."""
    email = signed_in_email()
    if email:
        st.caption(t("loop_signed_in_as", email=text.md(email)))
        return email
    if ME not in st.session_state:  # Streamlit forgets a widget's value on a page without it: keep the name
        st.session_state[ME] = st.session_state.get(_ME_KEPT, "")
    name = st.text_input(t("loop_you_are"), key=ME, placeholder=t("loop_you_are_placeholder"),
                         help=t("loop_you_are_help"))
    st.session_state[_ME_KEPT] = name
    return name.strip()


def engine():
    return loop_figures.engine()


def cases() -> pl.DataFrame:
    return all_cases(engine())


def actions() -> pl.DataFrame:
    return all_actions(engine())


def root_causes() -> list[str]:
    return root_cause_names(engine())


def status(ds: Dataset, cases_: pl.DataFrame) -> dict:
    """figures.loop.case_status as of today."""
    return loop_figures.case_status(ds, cases_, loop_figures.today())


def impacts(ds: Dataset, actions_: pl.DataFrame):
    return loop_figures.action_impacts(ds, actions_, settings.get_int("min_sample"))


def case_table(cases_: pl.DataFrame, owner: str | None) -> pl.DataFrame:
    return loop_figures.case_table(cases_, loop_figures.today(), owner)


def history(case_id: int) -> pl.DataFrame:
    return loop_figures.history_table(engine(), case_id)


def position(options: list[str], value: str | None) -> int:
    """The index of ``value`` among ``options`` (0, the empty choice, when it is not there)."""
    return options.index(value or "") if (value or "") in options else 0


_CASE_IDS = "loop.case_ids"
SELECTED = "loop.selected"


def _pick_case() -> None:
    rows = st.session_state["loop.case_rows"].selection.rows
    if rows:
        st.session_state[SELECTED] = st.session_state[_CASE_IDS][rows[0]]


def case_selection(shown: pl.DataFrame) -> dict:
    """ui.layout.table's ``select`` for the case list: a clicked row becomes the case in the editor."""
    st.session_state[_CASE_IDS] = shown["id"].to_list()
    return {"on_select": _pick_case, "selection_mode": "single-row", "key": "loop.case_rows"}


def selected_case(cases_: pl.DataFrame) -> int | None:
    """The case in the editor: the last one clicked in the list or just opened, while it exists."""
    chosen = st.session_state.get(SELECTED)
    return chosen if chosen is not None and chosen in cases_["id"].to_list() else None


def selected_row(frame: pl.DataFrame, key: str) -> dict | None:
    """The row of ``frame`` selected in the table with selection state ``key``, None without one."""
    state = st.session_state.get(key)
    rows = state.selection.rows if state is not None else []
    return frame.row(rows[0], named=True) if rows and rows[0] < frame.height else None


def say(kind: str, message: str) -> None:
    """Keep a sentence (already in the UI language) for the next run: kind success, error or info."""
    st.session_state[SAID] = (kind, message)


def show_said() -> None:
    """The last write's sentence, once."""
    said = st.session_state.pop(SAID, None)
    if said:
        getattr(st, said[0])(said[1])


def _write(action, *args, **kwargs):
    """Run a write; a DataError (a conflict too) is said to the editor instead of raised."""
    try:
        return action(*args, **kwargs)
    except EditConflict as exc:  # show them the record as it is now
        st.session_state.pop((_READ if exc.key == "loop_case_conflict" else _READ_ACTION) + str(exc.record_id), None)
        say("error", exc.text())
    except DataError as exc:
        say("error", exc.text())
    return None


def open_from(row: dict, owner: str, by: str, notes: str = "") -> bool:
    """Open a case on a detractor's journey (a row of the follow-up list, or a journey with its customer); whether
    the journey has its case now (a new one, or the one already open)."""
    if not by:
        say("error", DataError("loop_missing_editor").text())
        return False
    result = _write(open_case, engine(), customer_id=row["customer_id"], journey_id=row["journey_id"],
                    owner=owner or by, by=by, stage=row.get("worst_stage") or row.get("last_stage") or None,
                    touchpoint=row.get("touchpoint") or None, notes=notes, actor=audit.actor(by))
    if result is None:
        return False
    case, created = result
    say("success" if created else "info",
        t("loop_case_opened" if created else "loop_case_already_open", id=case.id,
          journey=text.md(case.journey_id), owner=text.md(case.owner)))
    st.session_state["loop.selected"] = case.id
    return True


def case_as_read(case_id: int):
    """The case as this editor first saw it (read now when not yet); a save is checked against its version."""
    key = _READ + str(case_id)
    if key not in st.session_state:
        st.session_state[key] = get_case(engine(), case_id)
    return st.session_state[key]


def save_case(case, by: str, **changes) -> None:
    saved = _write(update_case, engine(), case, by, actor=audit.actor(by), **changes)
    if saved is not None:
        st.session_state[_READ + str(case.id)] = saved
        say("success", t("loop_case_saved", id=case.id, version=saved.version))


def add_cause(name: str, by: str) -> None:
    added = _write(add_root_cause, engine(), name, by, actor=audit.actor(by))
    if added is not None:
        say("success" if added else "info", t("loop_cause_added" if added else "loop_cause_known", cause=text.md(name)))


def create(by: str, **values) -> bool:
    """Create an action; whether it was created."""
    made = _write(create_action, engine(), by=by, actor=audit.actor(by), **values)
    if made is not None:
        say("success", t("loop_action_created", id=made.id, title=text.md(made.title)))
    return made is not None


def action_as_read(action_id: int):
    """The action as this editor first saw it (read now when not yet)."""
    key = _READ_ACTION + str(action_id)
    if key not in st.session_state:
        st.session_state[key] = get_action(engine(), action_id)
    return st.session_state[key]


def save_action(action, by: str, **changes) -> None:
    saved = _write(update_action, engine(), action, by, actor=audit.actor(by), **changes)
    if saved is not None:
        st.session_state[_READ_ACTION + str(action.id)] = saved
        say("success", t("loop_action_saved", id=saved.id, title=text.md(saved.title)))


def overview_line(ds: Dataset, lang: str) -> None:
    """The overview headline's one line "what we changed and whether it worked" (figures.loop.loop_line); a
    database that cannot be opened says so in a caption instead of hiding the headline. Not for a scoped viewer:
    the cases and actions cover every customer."""
    if audit.viewer().restricted and st.session_state.get("dataset") is None:
        return
    try:
        parts = loop_figures.loop_line(ds, cases(), actions(), loop_figures.today(), settings.get_int("min_sample"))
    except DataError as exc:
        st.caption(exc.text(lang))
        return
    st.markdown(text.md(loop_figures.line_text(parts, lang)))


def pdf_status(ds: Dataset) -> tuple:
    """The loop's status for the PDF's page (figures.loop.database_status, as of today); none for a scoped viewer,
    as on the overview (the cases and actions cover every customer)."""
    if audit.viewer().restricted and st.session_state.get("dataset") is None:
        return ()
    return loop_figures.database_status(ds, loop_figures.today(), settings.get_int("min_sample"))


# --- a case or an action started on another page: its context carried to the Loop page's form, filled in
LOOP_PAGE = Path(__file__).resolve().parents[1] / "pages" / "loop.py"  # absolute: AppTest's entry differs
DRAFT = "loop.draft"
_DRAFTS = "loop.drafts"  # how many drafts this session started: a new draft's form starts afresh
_GO = "loop.go"  # a plan button was clicked: go to the Loop page
# where a draft comes from → the sentence the Loop page says about it
DRAFT_FROM = {"pain_point": "loop_draft_from_pain_point", "driver": "loop_draft_from_driver",
              "keyword": "loop_draft_from_keyword", "path": "loop_draft_from_path",
              "journey": "loop_draft_from_journey"}
DRAFT_HEADING = {"action": "loop_draft_heading_action", "case": "loop_draft_heading_case"}


@dataclass(frozen=True)
class Draft:
    """A case (``what`` "case": a journey with its customer, stage and touchpoint) or an action (``what``
    "action": tied to ``target_kind`` ``target_value``; ``path`` the steps of a path it came from) started from
    ``origin`` (a key of DRAFT_FROM); ``serial`` tells one draft's form from the next."""

    what: str
    origin: str
    target_kind: str = "stage"
    target_value: str = ""
    path: str = ""
    customer_id: str = ""
    journey_id: str = ""
    stage: str = ""
    touchpoint: str = ""
    serial: int = 0


def action_draft(origin: str, kind: str, value: str, path: str = "") -> Draft:
    return Draft("action", origin, target_kind=kind, target_value=value, path=path)


def case_draft(context: dict) -> Draft:
    """A case on a journey from figures.loop.journey_context."""
    return Draft("case", "journey", customer_id=str(context["customer_id"] or ""),
                 journey_id=str(context["journey_id"]), stage=context["stage"] or "",
                 touchpoint=context["touchpoint"] or "")


def pain_point_draft(row: dict) -> Draft:
    """An action on an overview pain point (figures.executive.pain_points' row): its touchpoint, or its stage
    when the data has no touchpoint names (a "stage · channel" pain point)."""
    if row.get("by_stage_channel"):
        return action_draft("pain_point", "stage", row["stage"])
    return action_draft("pain_point", "touchpoint", row["touchpoint"])


def path_draft(kind: str, steps: tuple[str, ...]) -> Draft:
    """An action on a clicked path or transition (``steps`` of ``kind``): tied to its last step."""
    return action_draft("path", kind, steps[-1], path=shown(list(steps)))


def journey_draft(events: pl.DataFrame, stage_order) -> Draft:
    """A case on the journey whose touchpoints ``events`` are (figures.loop.journey_context)."""
    return case_draft(loop_figures.journey_context(events, stage_order))


def start_draft(draft: Draft) -> None:
    """Carry ``draft`` to the Loop page (a button's on_click: the filters are kept before the widgets are drawn);
    ``draft_button`` goes there in the same run."""
    serial = st.session_state.get(_DRAFTS, 0) + 1
    st.session_state[_DRAFTS] = serial
    st.session_state[DRAFT] = Draft(**{**draft.__dict__, "serial": serial})
    st.session_state[_GO] = True
    keep_filter_values()  # st.switch_page would otherwise give the sidebar's widgets their defaults


def draft_button(draft: Draft, label: str, key: str) -> None:
    """One click that starts ``draft`` on the Loop page, the filters kept (the drill-down's own parameters stay
    on the page they belong to); none for a scoped viewer, who has no Loop page (its cases cover every customer)."""
    if audit.viewer().restricted:
        return
    st.button(label, key=key, icon=":material/add_task:" if draft.what == "action" else ":material/support_agent:",
              type="tertiary", on_click=start_draft, args=(draft,))
    if st.session_state.pop(_GO, False):
        kept = {k: st.query_params.get_all(k) for k in st.query_params if k not in KEPT_PARAMS}
        st.switch_page(LOOP_PAGE, query_params=kept)


def draft() -> Draft | None:
    """The draft carried to the Loop page, None without one."""
    return st.session_state.get(DRAFT)


_SHOWN = "loop.draft_shown"  # the serial of the draft last brought into view
# st.switch_page keeps the scroll position of the page left: a draft arriving from far down the overview would
# open below the screen, its form (at the top) out of sight. A fixed script, no value from the page or the data.
_TO_TOP = "<script>document.querySelector('[data-testid=\"stMain\"]')?.scrollTo({top: 0});</script>"


def bring_into_view(draft_: Draft) -> None:
    """Scroll the page to its top once, when ``draft_`` has just arrived."""
    if st.session_state.get(_SHOWN) != draft_.serial:
        st.session_state[_SHOWN] = draft_.serial
        st.html(_TO_TOP, unsafe_allow_javascript=True)


def discard_draft() -> None:
    st.session_state.pop(DRAFT, None)


def draft_title(draft_: Draft) -> str:
    """The title an action draft proposes, in the UI language."""
    if draft_.path:
        return t("loop_draft_title_path", path=draft_.path)
    return t("loop_draft_title", target=draft_.target_value)


def draft_said(draft_: Draft) -> str:
    """Where the draft comes from, one sentence in the UI language (values shown as typed)."""
    return t(DRAFT_FROM[draft_.origin], target=text.md(draft_.target_value), path=text.md(draft_.path),
             journey=text.md(draft_.journey_id), customer=text.md(draft_.customer_id))


def open_drafted(draft_: Draft, by: str, owner: str, stage: str, touchpoint: str, notes: str) -> None:
    """Open the drafted case; the draft is done once the journey has its case."""
    row = {"customer_id": draft_.customer_id, "journey_id": draft_.journey_id, "worst_stage": stage.strip(),
           "touchpoint": touchpoint.strip()}
    if open_from(row, owner, by, notes):
        discard_draft()


def create_drafted(by: str, **values) -> None:
    """Create the drafted action; the draft is done once it is created."""
    if create(by, **values):
        discard_draft()
