"""Access (admins only): who has what scope under the access file, and the audit trail of sign-ins, exports and writes."""

from __future__ import annotations

import streamlit as st

from hosting import scopes
from hosting.sign_in import access_config
from i18n import current_lang, t
from ui import audit, layout, tables

lang = current_lang()
st.title(t("page_access"))
st.caption(t("access_page_intro"))

st.subheader(t("access_who_has_what"))
config, _ = access_config()
if config is None:
    st.info(t("access_no_file"))
else:
    layout.table(*tables.access_rows(scopes.table(config), lang))

st.subheader(t("audit_title"))
st.caption(t("audit_intro"))
with layout.guard():
    layout.table(*tables.audit_trail(audit.trail(), lang))
