"""Channels & handoffs: the adjusted handoff effect, handoff flows or matrix, satisfaction, CSAT or NPS by channel
(one view of each drawn at a time: ui.layout.lazy_tabs), NPS by number of handoffs, the channel table."""

from __future__ import annotations

import streamlit as st

from i18n import t
from metrics.handoff_effect import sentence
from ui import data, drill, layout
from ui.charts import channels as channel_charts

ds, f = data.current_dataset(), data.current_filters()
min_n = data.min_sample()
st.title(t("page_channels"))
drill.follow()  # a click on a handoff cell opens the journeys that take it
drill.filter_notice(("channels.sat", "channels.csat", "channels.nps"))
layout.stop_if_empty(ds, f)
if data.survey_info(ds) is not None:
    st.info(t("survey_no_handoffs"))
    st.stop()
colours = data.colours(ds)["channel"]
channel_order = data.filter_options(ds)["channel"]

with layout.guard():  # the statistics engineer's adjusted effect (metrics.handoff_effect), one sentence
    effect = data.handoff_effect(ds, f, alone=True)
    if effect.per_handoff is None:
        st.info(t("handoff_unavailable", reason=effect.reason))
    else:
        st.markdown("**" + sentence(effect, {k: t("handoff_" + k) for k in ("cost", "gain", "none")}) + "**")

moves = data.transitions(ds, f)
handoff_journeys = data.totals(ds, f)["journeys"]
by_handoffs = data.nps_by_handoffs(ds, f)
answered = int(by_handoffs["responses"].sum())  # each answered journey has one handoff count
st.subheader(t("sankey_title"))
flows, matrix = layout.lazy_tabs([t("tab_flows"), t("tab_matrix")], "channels.handoffs_view")
with flows, layout.guard():
    if flows.open and moves.height == 0:
        st.info(t("no_handoffs"))
    elif flows.open:
        layout.chart(channel_charts.sankey(moves, colours))
        st.caption(t("n_handoffs", n=f"{int(moves['count'].sum()):,}", journeys=f"{handoff_journeys:,}")
                   + " · " + t("sankey_note"))
        layout.suppressed_caption()

with matrix, layout.guard():
    if matrix.open and moves.height == 0:
        st.info(t("no_handoffs"))
    elif matrix.open:
        layout.chart(channel_charts.handoff_heatmap(data.handoffs(ds, f), data.min_group()),
                     **drill.journeys_on_cell("channel", "channels.handoffs"))
        st.caption(t("n_handoffs", n=f"{int(moves['count'].sum()):,}", journeys=f"{handoff_journeys:,}")
                   + " · " + t("click_handoff_for_journeys"))
        layout.suppressed_caption()

scores = data.channel_scores(ds, f)
ratings = int(scores["ratings"].fill_null(0).sum())
st.subheader(t("scores_by_channel"))
satisfaction, csat, nps = layout.lazy_tabs([t("col_mean_satisfaction"), t("tab_csat"), t("col_nps")],
                                           "channels.scores_view")
with satisfaction, layout.guard():
    if satisfaction.open and not ratings:
        st.info(t("no_answers"))
    elif satisfaction.open:
        layout.chart(channel_charts.group_bars(scores, "channel", "mean_satisfaction", "ratings", t("mean_satisfaction"),
                                               min_n, colours, ".2f", (1, 5.4), channel_order, horizontal=True),
                     **drill.filter_on_click("channel", "y", "channels.sat"))
        layout.n_caption(ratings=ratings)

with csat, layout.guard():
    if csat.open and not ratings:
        st.info(t("no_answers"))
    elif csat.open:
        layout.chart(channel_charts.group_bars(scores, "channel", "csat", "ratings", t("col_csat"), min_n, colours,
                                               ".1f", (0, 112), channel_order, horizontal=True),
                     **drill.filter_on_click("channel", "y", "channels.csat"))
        layout.n_caption(ratings=ratings)

with nps, layout.guard():
    if nps.open and not scores["responses"].fill_null(0).sum():
        st.info(t("no_answers"))
    elif nps.open:
        layout.chart(channel_charts.group_bars(scores, "channel", "nps", "responses", "NPS", min_n, colours, ".1f",
                                               (-100, 100), channel_order, horizontal=True),
                     **drill.filter_on_click("channel", "y", "channels.nps"))
        st.caption(t("nps_by_channel_note"))
        layout.n_caption(answers=answered)

with layout.guard():
    st.subheader(t("nps_by_handoffs"))
    if by_handoffs.height == 0:
        st.info(t("no_answers"))
    else:
        layout.chart(channel_charts.group_bars(by_handoffs, "handoff_group", "nps", "responses", "NPS", min_n,
                                          value_range=(-100, 100)).update_xaxes(title_text=t("handoffs_axis")).update_layout(height=300))
        st.caption(t("nps_by_handoffs_note"))
        layout.n_caption(answers=answered)

with layout.guard():
    st.subheader(t("channel_table"))
    shown = ("channel", "events", "journeys", "ratings", "mean_satisfaction", "csat", "responses", "nps")
    layout.table(
        scores.select(shown), "channels.csv",
        labels={"channel": t("col_channel"), "events": t("col_events"), "journeys": t("col_journeys"),
                "ratings": t("col_ratings"), "mean_satisfaction": t("col_mean_satisfaction"), "csat": t("col_csat"),
                "responses": t("col_nps_responses"), "nps": t("col_nps")},
        formats={"mean_satisfaction": "%.2f", "csat": "%.1f", "nps": "%.1f"},
    )
    layout.suppressed_caption()
