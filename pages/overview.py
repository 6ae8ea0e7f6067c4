"""Overview: the executive story. Period picker, one headline, KPI cards (value and change on the same period, target),
weekly NPS with its target, the worst pain points, what changed and where (alerts), detractors to call back, a PDF."""

from __future__ import annotations

import streamlit as st

from i18n import current_lang, t
from ui import data, layout, overview_view, voc_data

ds, f = data.current_dataset(), data.current_filters()
st.title(t("page_overview"))
layout.stop_if_empty(ds, f)
about = data.survey_info(ds)
dated = about is None or about.timestamp_column is not None
lang = current_lang()

top, _, button = st.columns([2, 2, 1], vertical_alignment="bottom")
period = overview_view.period(ds, f, top, dated)

s = None
with layout.guard():
    s = data.executive_summary(ds, f, period, voc_data.keywords_ready(ds))
    overview_view.headline(ds, f, s, about, button, lang)
    overview_view.kpi_cards(s, dated, about, lang)

# A survey without answer dates has no trend: its lowest rated questions take the whole width.
left, right = st.columns([3, 2], gap="large") if dated else (None, st.container())
if about is not None:
    with right, layout.guard():
        overview_view.survey_lowest(ds, f, s, lang)
if dated:
    with left, layout.guard():
        overview_view.nps_trend(ds, f, s, lang)
if about is None:
    with right, layout.guard():
        overview_view.pain_points(ds, f, s, lang)
if dated:  # what changed between periods needs answer dates (a survey without them says so above)
    with layout.guard():
        overview_view.movers(s, about, lang)
with layout.guard():
    overview_view.detractors(ds, f, lang)
if s is not None:  # a persona's first pick: from the cache
    overview_view.prefetch_personas(ds, f, period, s)
