"""The dashboard shell: translation, filter state, cached data access, charts and layout helpers.

How to write a page (``pages/<name>.py``, registered in ``dashboard.py``)::

    from ui import data, layout       # the chart builders of one concept (ui/*_charts.py)
    from ui.charts import nps as nps_charts
    from i18n import t

    ds, f = data.current_dataset(), data.current_filters()   # set up by dashboard.py
    st.title(t("page_overview"))
    if layout.stop_if_empty(ds, f):                           # st.info naming the filter to relax
        ...
    with layout.guard():                                       # an error box instead of a dead page
        frame = data.<cached function>(ds, f)                  # cached per (dataset version, filters)
        layout.chart(nps_charts.<builder>(frame, ...))
        layout.n_caption(...)

Pages hold no SQL, no metric arithmetic and no literal UI strings (every string is in ui.i18n).
"""

import streamlit as st

import i18n


def _session_lang() -> str | None:
    return st.session_state.get("lang")


i18n.use_language_source(_session_lang)  # every t() without a language speaks the session's
