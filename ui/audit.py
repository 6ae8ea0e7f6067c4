"""Who is looking (set by the sign-in gate for this run) and the audit rows of this session: sign-in, refusal, page
view, export, and who the loop's writes are recorded as.

The sign-in gate (hosting/sign_in.py) puts a ``Viewer`` in ``st.session_state["access"]`` on every run before
anything else reads it; no widget or URL parameter writes that key. ``exported`` wraps a download's data so the
audit row (loop/audit.py) is written when the file is built, with the rows it holds and the filters in effect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from loop import audit, db
from store import Filters
from store.filters import as_text

SESSION_KEY = "access"
Scope = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Viewer:
    """The person of this session: e-mail ("" with open access), role (admin, user), scope (() = everything)."""

    email: str = ""
    role: str = "user"
    scope: Scope = ()
    scope_text: str = "all"

    @property
    def restricted(self) -> bool:
        return bool(self.scope)


def viewer() -> Viewer:
    """This run's viewer (open access: everything, no e-mail)."""
    found = st.session_state.get(SESSION_KEY)
    return found if isinstance(found, Viewer) else Viewer()


def set_viewer(who: Viewer) -> None:
    st.session_state[SESSION_KEY] = who


def scoped(f: Filters) -> Filters:
    """``f`` inside this viewer's scope (unchanged on an uploaded dataset: the viewer's own data)."""
    if st.session_state.get("dataset") is not None:
        return f
    return f.within(viewer().scope)


def current_filters() -> Filters:
    """The sidebar's selection (ui.state) inside the viewer's scope."""
    return scoped(st.session_state.get("filters") or Filters())


def write(event: str, who: Viewer, f: Filters | None = None, item: str = "", rows: int | None = None,
          detail: str = "") -> None:
    """Append one audit row for ``who`` (the loop database; a DataError when it cannot be written)."""
    audit.record(db.open_database(), event, who.email, who.role, who.scope_text,
                 as_text(f) if f is not None else "", item, rows, detail)


def actor(by: str) -> audit.Actor:
    """Who this session's writes to the loop are recorded as: the viewer's e-mail, role and scope; ``by`` (the name
    typed in the editor) with open access, where nobody signed in."""
    who = viewer()
    return audit.Actor(who.email or by, who.role, who.scope_text)


def signed_in(who: Viewer) -> None:
    """The audit row of a sign-in, once per session."""
    if st.session_state.get("access.signed_in") != who.email:
        write("sign_in", who)
        st.session_state["access.signed_in"] = who.email


def viewed(page: str, f: Filters) -> None:
    """The audit row of a signed-in person's view of ``page`` (its url path) with the filters ``f``: once per page
    and filters per session, so a rerun (a click, a widget) that changes neither writes nothing."""
    who = viewer()
    if not who.email:  # open access: nobody signed in, nobody to record
        return
    mark = (page, as_text(f))
    seen = st.session_state.setdefault("access.viewed", set())
    if mark not in seen:
        write("view", who, f, item=page)
        seen.add(mark)


def denied(email: str, reason: str) -> None:
    """The audit row of a refused sign-in (``reason``: the message key), once per session and reason."""
    mark = f"{email}\x1f{reason}"
    if st.session_state.get("access.denied") != mark:
        write("denied", Viewer(email=email, role="none", scope_text="none"), detail=reason)
        st.session_state["access.denied"] = mark


def exported(item: str, f: Filters | None, build: Callable[[], bytes], rows: Callable[[], int] | int | None = None
             ) -> Callable[[], bytes]:
    """``build`` (a download's data) that first writes the audit row of the export: ``item`` (the file name), the
    rows it holds (``rows``: a count, or a function giving it) and the filters in effect (``f``; None: the
    sidebar's)."""
    who = viewer()
    f = current_filters() if f is None else f  # read now: the data is built in a later request of the same session

    def run() -> bytes:
        data = build()
        write("export", who, f, item, rows() if callable(rows) else rows)
        return data

    return run


def trail():
    """The whole audit trail (loop.audit.trail), for the admins' page."""
    return audit.trail(db.open_database())
