"""Segments (a survey): the outcome per value of a segment column, with 95% intervals."""

from __future__ import annotations

import streamlit as st

from i18n import column_label, t
from ui import data, layout, text
from ui.charts import survey as survey_charts

ds, f = data.current_dataset(), data.current_filters()
st.title(t("page_segments"))
about = data.survey_info(ds)
if about is None:
    st.info(t("survey_page_needs_survey"))
    st.stop()
layout.stop_if_empty(ds, f)
if about.outcome is None:
    st.info(t("survey_segments_no_outcome"))
    st.stop()
columns = data.survey_segments(ds)
if not columns:
    st.info(t("survey_segments_none"))
    st.stop()

o = about.outcome
nps = o.kind == "nps"
by = st.selectbox(t("survey_segment_by"), columns, key="segments.by",
                  format_func=lambda c: t("persona") if c == "persona" else column_label(c))
with layout.guard():
    table = data.survey_by_segment(ds, f, by)
    st.subheader(t("survey_segment_title_nps" if nps else "survey_segment_title_rate", column=text.md(o.column),
                   positive=text.md(o.positive)))
    if table.is_empty():
        st.info(t("no_answers"))
    else:
        layout.chart(survey_charts.by_segment(table, nps, data.min_sample()), "cxlens-segments")
        st.caption(t("survey_segment_note_nps" if nps else "survey_segment_note_rate"))
        layout.n_caption(answers=int(table["respondents"].sum()))
        layout.table(table, "survey_segments.csv",
                     labels={"segment": t("persona") if by == "persona" else column_label(by),
                             "respondents": t("col_respondents"),
                             "value": "NPS" if nps else t("col_positive_pct"), "low": t("col_ci_low"),
                             "high": t("col_ci_high")},
                     formats={"value": "%.1f", "low": "%.1f", "high": "%.1f"})
