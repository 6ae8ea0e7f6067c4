"""Segments (a survey): the outcome per value of a segment column, with 95% intervals; the response rate by segment
and by week, and the warning when who answers changed with the NPS."""

from __future__ import annotations

import polars as pl
import streamlit as st

from i18n import column_label, current_lang, t
from ui import data, layout, text
from ui.charts import survey as survey_charts

ds, f = data.current_dataset(), data.current_filters()
st.title(t("page_segments"))
lang = current_lang()
about = layout.survey_page(ds, f, lang)  # the outcome and its intervals below may be weighted
rate = data.survey_response_rate(ds, f)
if rate is not None and rate["mix_change"] and rate["mix_change"]["warning"] is not None:
    st.warning(text.md(rate["mix_change"]["warning"].text(lang)), icon=":material/group:")
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

if rate is not None and rate["invited"] is not None:
    with layout.guard():
        st.subheader(t("response_rate_title"))
        st.markdown(t("response_rate_line", rate=f"{rate['rate_pct']:.0f}", invited=f"{rate['invited']:,}",
                      responded=f"{rate['responded']:,}"))
        labels = {"invited": t("col_invited"), "responded": t("col_responded"), "rate_pct": t("col_rate_pct")}
        if by in rate["by_segment"]:
            layout.table(pl.DataFrame(rate["by_segment"][by]), "response_rate_by_segment.csv",
                         labels={"value": t("persona") if by == "persona" else column_label(by), **labels},
                         formats={"rate_pct": "%.1f"})
        if rate["by_week"]:
            st.markdown("**" + t("response_rate_by_week") + "**")
            layout.table(pl.DataFrame(rate["by_week"]), "response_rate_by_week.csv",
                         labels={"week": t("col_week_sent"), **labels}, formats={"rate_pct": "%.1f"})
        else:
            st.caption(t("response_rate_no_week"))
        st.caption(t("response_rate_scope"))
        if rate["missing"]:
            st.caption(t("response_rate_missing", n=f"{rate['missing']:,}"))
