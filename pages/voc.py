"""Voice of the customer: keywords, what detractors and promoters say, rising and associated words, verbatims."""

from __future__ import annotations

import streamlit as st

from i18n import current_lang, t
from ui import data, drill, layout, state, tables, text, voc_data, voc_view
from ui.charts import voc as voc_charts

ds, f = data.current_dataset(), data.current_filters()
min_n = data.min_sample()
st.title(t("page_voc"))
layout.stop_if_empty(ds, f)

if not voc_data.keywords_ready(ds):
    # The keywords are computed in a background thread; this run only watches it (leaving the page stops the
    # watching, not the work).
    job = voc_data.wait_for_keywords(ds, note=t("voc_progress_note"))
    if job is not None and job.error:
        st.error(t("voc_failed", error=text.error(job.error)))
        st.stop()

voc = voc_data.voc(ds, f)
if voc.hidden:  # too few customers: that, not "no comments"
    st.info(voc.reason.text(current_lang()))
    st.stop()
if voc.comments == 0:
    st.info(t("voc_no_comments"))
    st.stop()
st.caption(t("voc_intro", n=f"{voc.comments:,}"))
# A survey's comment is the respondent's, not a touchpoint's (it sits on their first answer): no split by stage,
# channel or touchpoint; without answer dates no rising keywords.
about = data.survey_info(ds)
dated = about is None or about.timestamp_column is not None

with layout.guard():
    st.subheader(t("voc_keywords"))
    top = voc.keywords.head(15)
    layout.chart(voc_charts.keyword_bars(
        top, "share", t("voc_share_axis"),
        hover=[("comments", t("col_comments"), ",d"), ("nps", "NPS", ".1f"), ("nps_responses", t("col_nps_responses"), ",d"),
               ("mean_satisfaction", t("col_mean_satisfaction"), ".2f")],
        low="low_sample", nps_colour=True), **drill.on_click_label("y", voc_view.BAR_CHARTS[0], voc_view.opener("top")))
    st.caption(t("voc_keywords_note", min=min_n) + " " + t("voc_click_bar"))
voc_view.opened_comments(ds, f, "top")

with layout.guard():
    st.subheader(t("voc_keyword_table"))
    st.caption(t("voc_keyword_table_note", min=min_n))
    layout.table(*tables.keywords(voc.keywords.head(200)))

left, right = st.columns(2, gap="large")
for column, title, table, colour, chart_key in (
        (left, "voc_detractors", voc.detractor, voc_charts.DETRACTOR_COLOUR, voc_view.BAR_CHARTS[1]),
        (right, "voc_promoters", voc.promoter, voc_charts.PROMOTER_COLOUR, voc_view.BAR_CHARTS[2])):
    with column, layout.guard():
        st.subheader(t(title))
        if table.is_empty():
            st.info(t("voc_none_distinctive"))
        else:
            layout.chart(voc_charts.keyword_bars(
                table.head(12), "z", t("voc_z_axis"), colour=colour, value_format=".1f",
                hover=[("target_comments", t("col_comments"), ",d")]), **drill.on_click_label("y", chart_key, voc_view.opener("split")))
st.caption(t("voc_distinctive_note"))
voc_view.opened_comments(ds, f, "split")

if dated:
    with layout.guard():
        st.subheader(t("voc_rising"))
        (cs, cu), (ps, pu) = voc.periods["current"], voc.periods["previous"]
        current, previous = t("voc_period", start=cs, end=cu), t("voc_period", start=ps, end=pu)
        if voc.rising.is_empty():
            st.info(t("voc_none_rising"))
        else:
            layout.chart(voc_charts.rising_bars(voc.rising.head(10), previous, current))
        st.caption(t("voc_rising_note", current=current, previous=previous))

groups = {name: t("col_" + name) for name in ("stage", "channel", "touchpoint", "persona")
          if about is None or (name == "persona" and about.persona_column)}
left, right = st.columns(2, gap="large")
keywords = voc.keywords["keyword"].head(200).to_list()
with left, layout.guard():
    st.subheader(t("voc_associated"))
    default = voc.detractor["keyword"][0] if not voc.detractor.is_empty() else keywords[0]
    chosen = st.selectbox(t("keyword"), keywords, index=keywords.index(default) if default in keywords else 0,
                          key="voc.associated")
    words = voc_data.voc_associated(ds, f, chosen)
    if words.is_empty():
        st.info(t("voc_none_associated"))
    else:
        layout.chart(voc_charts.keyword_bars(words.head(12), "lift", t("voc_lift_axis"), value_format=".1f",
                                         hover=[("both", t("col_both"), ",d"), ("pmi", "PMI", ".2f")]))
    st.caption(t("voc_associated_note"))

if groups:
    with right, layout.guard():
        st.subheader(t("voc_compare"))
        by = state.translated_choice(st.selectbox, t("voc_compare_by"), list(groups), "voc.compare_by", groups.get)
        values = voc_data.voc_split(ds, f, by)[by].unique(maintain_order=True).to_list()
        if by == "stage":
            values = [s for s in ds.stage_order if s in values]
        if values:
            value = st.selectbox(t("voc_compare_value"), values, key=f"voc.compare.{by}")
            table = voc_data.voc_compare(ds, f, by, value)
            if table.is_empty():
                st.info(t("voc_none_distinctive"))
            else:
                layout.chart(voc_charts.keyword_bars(table.head(12), "z", t("voc_z_axis"), value_format=".1f",
                                                 hover=[("target_comments", t("col_comments"), ",d")]))

if groups:  # a survey without a segment column: nothing to compare comments by
    with layout.guard():
        st.subheader(t("voc_split"))
        split_by = state.translated_choice(st.selectbox, t("voc_split_by"), list(groups), "voc.split_by", groups.get)
        shares = voc_data.voc_split(ds, f, split_by)
        order = voc.keywords["keyword"].head(12).to_list()
        group_order = shares[split_by].unique(maintain_order=True).to_list()
        if split_by == "stage":
            group_order = [s for s in ds.stage_order if s in group_order]
        if shares.is_empty():
            st.info(t("voc_no_comments"))
        else:
            layout.chart(voc_charts.keyword_heatmap(shares, split_by, order, group_order))

with layout.guard():
    st.subheader(t("voc_verbatims"))
    voc_view.verbatims(ds, f, keywords, about)
