"""The dashboard entry (`streamlit run dashboard.py`): page config, data, language, the filter panel, navigation.

Everything in the sidebar is built here, on every run, so it is the same on every page and its
values survive page switches; the pages in pages/ read ``ui.data.current_dataset()`` and
``ui.data.current_filters()``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from errors import CacheError, DataError
from hosting.sign_in import record_view, require_access
from i18n import t
from ui import audit, data, filter_line, layout, state, text, voc_data, warm
from ui import upload as session_upload

HERE = Path(__file__).resolve().parent

# The icon ships with the app: a ":material/…:" page icon is fetched from fonts.gstatic.com (fails offline).
st.set_page_config(page_title="cxlens", page_icon=str(HERE / "ui" / "icon.png"), layout="wide")
layout.page_style()
warm.start()  # statsmodels for the first summary or drivers, imported in the background once per server process
warm.settle()  # once those imports are done: the collection after each run no longer walks every imported object

lang = state.language_switch()
# --- access: nobody sees data before the sign-in gate lets them (hosting/sign_in.py, hosting/access.py)
require_access()
# ---
session_upload.banner()  # this session's uploaded file, with a way back to the default data
state.init_persona_source()  # the data's own persona column or derived personas, before opening
try:
    ds = data.current_dataset()
    options = data.filter_options(ds)
except CacheError as exc:  # the operator's problem: said as such, without the server's paths
    st.error(t("cache_error", problem=exc.problem))
    st.stop()
except DataError as exc:
    st.error(t("data_error", error=text.error(exc)))
    st.stop()

viewer = audit.viewer()
unknown = [name for name, _ in viewer.scope if name not in ("persona", "channel", "stage", *ds.dims)]
if unknown and st.session_state.get("dataset") is None:  # a scope the data cannot apply: nothing, and why
    st.error(t("access_scope_unknown_dimension", columns=text.md(", ".join(unknown))))
    st.stop()
state.filter_panel(ds, data.scoped_options({**options, "keyword": voc_data.keyword_options(ds)}))
if data.current_filters().keyword:  # the keyword filter needs the comments' keywords (computed once)
    voc_data.wait_for_keywords(ds)
if not viewer.restricted or st.session_state.get("dataset") is not None:  # whole-data counts: not for a scope
    st.sidebar.caption(t("data_source", name=text.md(ds.name), events=f"{ds.events:,}", journeys=f"{ds.journeys:,}"))
if not ds.files:  # a facts directory written elsewhere: say which engine wrote it
    st.sidebar.caption(t("facts_source", engine=text.md(ds.engine), version=text.md(ds.engine_version)))
if ds.rejected:
    st.sidebar.caption(t("data_rejected", n=f"{ds.rejected:,}"))
for column, name in ds.renamed.items():  # an extra column named like one of cxlens's own
    st.sidebar.caption(t("note_renamed", column=text.md(column), name=text.md(name)))
# The filtered events, on every page; built only when clicked.
parquet_filters = data.current_filters()
st.sidebar.download_button(t("download_parquet"),
                           audit.exported("events.parquet", parquet_filters,
                                          lambda: session_upload.events_parquet(ds, parquet_filters),
                                          lambda: data.totals(ds, parquet_filters)["events"]),
                           file_name="events.parquet", mime="application/vnd.apache.parquet",
                           icon=":material/download:", key="sidebar.parquet", on_click="ignore", width="stretch")

# No icons in the top navigation: with them the last two pages went behind a "2 more" menu at 1400 px.
OVERVIEW = st.Page(HERE / "pages" / "overview.py", title=t("nav_overview"), url_path="overview", default=True)
EVENT_PAGES = [
    OVERVIEW,
    st.Page(HERE / "pages" / "journey_map.py", title=t("nav_journey_map"),
            url_path="journey_map"),  # = the file name: see ui.data._through_entry
    st.Page(HERE / "pages" / "channels.py", title=t("nav_channels"),
            url_path="channels"),
    st.Page(HERE / "pages" / "duration.py", title=t("nav_duration"),
            url_path="duration"),
    st.Page(HERE / "pages" / "personas.py", title=t("nav_personas"),
            url_path="personas"),
    st.Page(HERE / "pages" / "journeys.py", title=t("nav_journeys"), url_path="journeys"),
    st.Page(HERE / "pages" / "voc.py", title=t("nav_voc"), url_path="voc"),
    st.Page(HERE / "pages" / "drivers.py", title=t("nav_drivers"), url_path="drivers"),
    st.Page(HERE / "pages" / "loop.py", title=t("nav_loop"), url_path="loop"),
    st.Page(HERE / "pages" / "upload.py", title=t("nav_upload"), url_path=data.UPLOAD_PAGE),
]
# A survey (one row of answers per respondent) has no event times or channels: its own pages instead of the funnel,
# channel handoffs, journey paths and duration (hidden, not shown empty).
SURVEY_PAGES = [
    OVERVIEW,
    st.Page(HERE / "pages" / "questions.py", title=t("nav_questions"), url_path="questions"),
    st.Page(HERE / "pages" / "segments.py", title=t("nav_segments"), url_path="segments"),
    *(p for p in EVENT_PAGES if p.url_path in ("voc", "drivers", "loop", "upload")),
]
PAGES = SURVEY_PAGES if data.survey_info(ds) is not None else EVENT_PAGES
if viewer.restricted:  # the loop's cases and actions cover every customer: not for a scoped viewer
    PAGES = [p for p in PAGES if p.url_path != "loop"]
if viewer.role == "admin":
    PAGES.append(st.Page(HERE / "pages" / "access.py", title=t("nav_access"), icon=":material/admin_panel_settings:",
                         url_path="access"))
page = st.navigation(PAGES, position="top")
data.late_progress(ds)  # above the page, the facts files still being written in the background
filter_line.show(ds, data.current_filters(), lang, options["dates"])  # what narrows every page, and a clear-all
record_view(page.url_path or "overview", data.current_filters())  # on the audit trail before the page is shown
try:
    page.run()
finally:  # the facts' late outputs, held while the first page computed its figures, are written now
    data.page_shown(ds, page.url_path)
    voc_data.start_after_page()  # and the comments' keywords the page asked for
