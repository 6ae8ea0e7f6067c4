"""The sign-in gate drawn in Streamlit: access.decide on st.secrets and st.user, then the sidebar note or a closed page.

``dashboard.py`` calls ``require_access()`` before it opens any data. When the viewer may not see
the dashboard, the gate registers its own single page with ``st.navigation`` (so no page file can
be reached by its URL) and stops the run. With an ``access_file`` (hosting/scopes.py) the gate also gives the
viewer their scope (ui.audit.Viewer, read by the data layer) or, without one, only a message; it writes the
audit rows of sign-ins and refusals (loop/audit.py).
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

import settings
from errors import DataError
from hosting import access, scopes
from i18n import Message, t
from store import Filters
from ui import audit, filter_line, text

log = logging.getLogger("cxlens.access")


def read_secrets() -> dict[str, Any] | None:
    """st.secrets as a dict: {} when there is no secrets file, None when one exists but cannot be read."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError as exc:  # StreamlitSecretNotFoundError is one
        if getattr(exc, "error_id", None) == "no-secrets-found":
            return {}
        log.error("secrets could not be read: %s", exc)
        return None
    except Exception as exc:
        log.error("secrets could not be read: %s", exc)
        return None


def _user() -> dict[str, Any]:
    try:
        return st.user.to_dict()
    except Exception:  # no user information on this host: as if nobody signed in
        return {}


def _sign_in(provider: str | None) -> None:
    if provider is None:
        st.login()
    else:
        st.login(provider)


def access_config() -> tuple[scopes.AccessConfig | None, list[Message]]:
    """The access file's config and problems ((None, []) when the ``access_file`` setting is empty)."""
    path = settings.get("access_file")
    if not path:
        return None, []
    return scopes.read(path)


def _close(decision: access.Decision, problems: list[Message] = ()) -> None:
    page = st.Page(lambda: _closed_page(decision, problems), title=t("app_title"), url_path="signin", default=True)
    st.navigation([page], position="hidden").run()
    st.stop()


def _closed_page(decision: access.Decision, problems: list[Message] = ()) -> None:
    st.title(t("app_title"))
    if problems:
        st.error(t("access_file_problems") + "\n\n" + "\n".join(f"- {text.md(p.text())}" for p in problems))
        return
    if decision.state == "login":
        st.info(t("access_login_needed"))
        st.button(t("sign_in"), on_click=_sign_in, args=(decision.provider,), type="primary",
                  icon=":material/login:")
        return
    st.error(t(decision.reason, detail=text.md(decision.detail or ""), email=text.md(decision.email or "")))
    if decision.state == "denied":
        st.button(t("sign_out"), on_click=st.logout, icon=":material/logout:")


def require_access() -> access.Decision:
    """Let the run continue only for an open or allowed viewer with a scope; say in the sidebar who that is."""
    user = _user()
    decision = access.decide(read_secrets(), user, settings.get("allowed_email_domains"))
    config, problems = access_config()
    audit.set_viewer(audit.Viewer(email=decision.email or "", role="none", scope=(("persona", ("\x00",)),),
                                  scope_text="none"))  # nothing until decided below
    if problems:
        _close(access.Decision("misconfigured"), problems)
    if config is not None and decision.state == "open":  # scopes mean nothing without a sign-in: closed
        _close(access.Decision("misconfigured", reason="access_file_without_auth", detail=settings.get("access_file")))
    try:
        if decision.state == "denied":
            audit.denied(decision.email or "", decision.reason or "")
        if decision.state == "open":
            audit.set_viewer(audit.Viewer())
            st.sidebar.caption(t("access_open"))
            return decision
        if decision.state == "allowed":
            granted = (scopes.resolve(config, decision.email, scopes.claimed_groups(user)) if config is not None
                       else scopes.Access("user", scopes.ALL))
            if granted.role == "none":
                audit.denied(decision.email or "", "access_no_scope")
                _close(access.Decision("denied", email=decision.email, name=decision.name, reason="access_no_scope"))
            who = audit.Viewer(email=decision.email or "", role=granted.role, scope=granted.scope,
                               scope_text=scopes.describe(granted.scope))
            audit.set_viewer(who)
            audit.signed_in(who)
            st.sidebar.caption(t("access_signed_in", name=text.md(decision.name or ""),
                                 email=text.md(decision.email or "")))
            if config is not None:
                st.sidebar.caption(t("access_your_scope_all" if not who.restricted else "access_your_scope",
                                     scope=filter_line.scope_text(who.scope)))
            st.sidebar.button(t("sign_out"), on_click=st.logout, icon=":material/logout:", key="access.sign_out")
            return decision
    except DataError as exc:  # the audit trail cannot be written: closed rather than unrecorded
        _close(access.Decision("misconfigured", reason="access_audit_unavailable", detail=str(exc)))
    _close(decision)


def record_view(page: str, f: Filters) -> None:
    """The audit row of this page view of a signed-in person (ui.audit.viewed: once per page and filters per
    session); when the trail cannot be written the dashboard closes rather than show the page unrecorded."""
    try:
        audit.viewed(page, f)
    except DataError as exc:
        _close(access.Decision("misconfigured", reason="access_audit_unavailable", detail=str(exc)))
