"""The Loop page's session side: who is editing, the case as its editor read it, the writes and what they say.

Cases and actions are not cached: another person's change must show on the next run. A write's outcome is kept
as a message key for the next run (``loop.said``), so it shows after the rerun that redraws the lists.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

import settings
from errors import DataError
from figures import loop as loop_figures
from i18n import t
from loop.actions import all_actions, create_action, get_action, update_action
from loop.cases import EditConflict, add_root_cause, all_cases, get_case, open_case, root_cause_names, update_case
from store import Dataset
from ui import audit, text

ME = "loop.me"
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
    return st.text_input(t("loop_you_are"), key=ME, placeholder=t("loop_you_are_placeholder"),
                         help=t("loop_you_are_help")).strip()


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


def open_from(row: dict, owner: str, by: str) -> None:
    """Open a case on a detractor's journey (a row of the follow-up list, or a journey with its customer)."""
    if not by:
        say("error", DataError("loop_missing_editor").text())
        return
    result = _write(open_case, engine(), customer_id=row["customer_id"], journey_id=row["journey_id"],
                    owner=owner or by, by=by, stage=row.get("worst_stage") or row.get("last_stage"),
                    touchpoint=row.get("touchpoint"))
    if result is not None:
        case, created = result
        say("success" if created else "info",
            t("loop_case_opened" if created else "loop_case_already_open", id=case.id,
              journey=text.md(case.journey_id), owner=text.md(case.owner)))
        st.session_state["loop.selected"] = case.id


def case_as_read(case_id: int):
    """The case as this editor first saw it (read now when not yet); a save is checked against its version."""
    key = _READ + str(case_id)
    if key not in st.session_state:
        st.session_state[key] = get_case(engine(), case_id)
    return st.session_state[key]


def save_case(case, by: str, **changes) -> None:
    saved = _write(update_case, engine(), case, by, **changes)
    if saved is not None:
        st.session_state[_READ + str(case.id)] = saved
        say("success", t("loop_case_saved", id=case.id, version=saved.version))


def add_cause(name: str, by: str) -> None:
    added = _write(add_root_cause, engine(), name, by)
    if added is not None:
        say("success" if added else "info", t("loop_cause_added" if added else "loop_cause_known", cause=text.md(name)))


def create(by: str, **values) -> None:
    made = _write(create_action, engine(), by=by, **values)
    if made is not None:
        say("success", t("loop_action_created", id=made.id, title=text.md(made.title)))


def action_as_read(action_id: int):
    """The action as this editor first saw it (read now when not yet)."""
    key = _READ_ACTION + str(action_id)
    if key not in st.session_state:
        st.session_state[key] = get_action(engine(), action_id)
    return st.session_state[key]


def save_action(action, by: str, **changes) -> None:
    saved = _write(update_action, engine(), action, by, **changes)
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
        parts = loop_figures.loop_line(ds, cases(), actions(), loop_figures.today())
    except DataError as exc:
        st.caption(exc.text(lang))
        return
    st.markdown(text.md(loop_figures.line_text(parts, lang)))
