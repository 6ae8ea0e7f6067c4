"""The sign-in gate drawn in Streamlit: access.decide on st.secrets and st.user, then the sidebar note or a closed page.

``dashboard.py`` calls ``require_access()`` before it opens any data. When the viewer may not see
the dashboard, the gate registers its own single page with ``st.navigation`` (so no page file can
be reached by its URL) and stops the run.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

import settings
from hosting import access
from i18n import t
from ui import text

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


def _closed_page(decision: access.Decision) -> None:
    st.title(t("app_title"))
    if decision.state == "login":
        st.info(t("access_login_needed"))
        st.button(t("sign_in"), on_click=_sign_in, args=(decision.provider,), type="primary",
                  icon=":material/login:")
        return
    st.error(t(decision.reason, detail=text.md(decision.detail or ""), email=text.md(decision.email or "")))
    if decision.state == "denied":
        st.button(t("sign_out"), on_click=st.logout, icon=":material/logout:")


def require_access() -> access.Decision:
    """Let the run continue only for an open or allowed viewer; say in the sidebar who that is."""
    decision = access.decide(read_secrets(), _user(), settings.get("allowed_email_domains"))
    if decision.state == "open":
        st.sidebar.caption(t("access_open"))
        return decision
    if decision.state == "allowed":
        st.sidebar.caption(t("access_signed_in", name=text.md(decision.name or ""), email=text.md(decision.email or "")))
        st.sidebar.button(t("sign_out"), on_click=st.logout, icon=":material/logout:", key="access.sign_out")
        return decision
    page = st.Page(lambda: _closed_page(decision), title=t("app_title"), url_path="signin", default=True)
    st.navigation([page], position="hidden").run()
    st.stop()
