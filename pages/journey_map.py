"""Journey map: the emotion curve per persona, the stage funnel, stage × channel satisfaction and the pain points."""

from __future__ import annotations

import polars as pl
import streamlit as st

from i18n import t
from ui import data, drill, layout, text, voc_data
from ui.charts import journey_map as journey_map_charts

ds, f = data.current_dataset(), data.current_filters()
min_n = data.min_sample()
st.title(t("page_journey_map"))
drill.filter_notice(("journey_map.funnel", "journey_map.heatmap"))
layout.stop_if_empty(ds, f)

with layout.guard():
    st.subheader(t("emotion_curve"))
    curve = data.emotion_curve(ds, f)
    if curve.height == 0:
        st.info(t("no_answers"))
    else:
        layout.chart(journey_map_charts.emotion_curve(curve, ds.stage_order, data.colours(ds)["persona"], min_n))
        layout.n_caption(ratings=int(curve.filter(curve["persona"].is_null())["ratings"].sum()))
        layout.suppressed_caption()

left, right = st.columns(2, gap="large")
with left, layout.guard():
    st.subheader(t("funnel"))
    stages = data.funnel(ds, f)
    layout.chart(journey_map_charts.funnel(stages, min_n, data.min_group()), **drill.filter_on_click("stage", "x", "journey_map.funnel"))
    optional = stages.filter("optional")["stage"].to_list()
    if optional:
        st.caption(t("funnel_note", stages=", ".join(text.md(s) for s in optional)))
    st.caption(t("click_bar_filters_stage"))
    layout.n_caption(journeys=data.totals(ds, f)["journeys"])

with right, layout.guard():
    st.subheader(t("heatmap"))
    cells = data.stage_channel(ds, f)
    if cells.height == 0:
        st.info(t("no_answers"))
    else:
        channels = data.filter_options(ds)["channel"]
        layout.chart(journey_map_charts.heatmap(cells, ds.stage_order, channels, min_n, data.min_group()),
                     **drill.filter_on_cell(("stage", "channel"), "journey_map.heatmap"))
        st.caption(t("click_cell_to_filter"))
        layout.n_caption(ratings=int(cells["ratings"].sum()))
        if cells["suppressed"].any():
            st.caption(t("suppressed_cells", n=data.min_group()))

with layout.guard():
    st.subheader(t("pain_table"))
    st.caption(t("pain_explained"))
    pains = data.pain_points(ds, f)
    if pains.height == 0:
        st.info(t("no_pain_points"))
    else:
        if pains["by_stage_channel"].any():
            st.caption(t("pain_by_stage_channel"))
        st.caption(t("click_pain_to_filter"))
        # the name, the ranking (pain score) and CSAT first: what a phone's narrow table shows before it scrolls
        layout.table(
            pains.select("touchpoint", "pain_score", "csat", "below_average", "events", "ratings",
                         "mean_satisfaction"),
            "pain_points.csv",
            labels={**{c: t("col_" + c) for c in ("touchpoint", "events", "ratings", "csat", "mean_satisfaction",
                                                    "pain_score")},
                    "below_average": t("col_clearly_below_average")},
            formats={"csat": "%.1f", "mean_satisfaction": "%.2f", "pain_score": "%.0f"},
            # keyed by the filters: the table of a new selection starts without a ticked row
            select=drill.filter_on_row(pains.select("stage", "channel").to_dicts(),
                                       drill.list_key(f, prefix="journey_map.pains")),
        )

with layout.guard():  # the customers' own words per stage (pages/voc.py has the rest)
    said = voc_data.complaints_if_ready(ds, f, "stage")
    if said is not None:
        st.subheader(t("stage_complaints"))
        st.caption(t("stage_complaints_note"))
        if said.is_empty():
            st.info(t("no_stage_complaints"))
        else:
            order = {s: i for i, s in enumerate(ds.stage_order)}
            said = said.sort(pl.col("stage").replace_strict(order, default=len(order)))
            layout.table(said.select("stage", "keyword", "comments", "quote"), "stage_complaints.csv",
                         labels={"stage": t("col_stage"), "keyword": t("col_keyword"),
                                 "comments": t("col_detractor_comments"), "quote": t("col_quote")})
