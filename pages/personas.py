"""Personas: every KPI side by side, the channel mix of each persona and each persona's weakest stage."""

from __future__ import annotations

import streamlit as st

from ui import charts, data, layout, text
from ui.i18n import t

ds, f = data.current_dataset(), data.current_filters()
min_n = data.min_sample()
st.title(t("page_personas"))
layout.stop_if_empty(ds, f)
colours = data.colours(ds)

with layout.guard():
    st.subheader(t("personas_side_by_side"))
    kpis = data.persona_kpis(ds, f)
    if kpis.height == 0:
        st.info(t("no_answers"))
    else:
        layout.chart(charts.persona_multiples(kpis, colours["persona"], min_n))
        layout.n_caption(journeys=int(kpis["journeys"].sum()), answers=int(kpis["responses"].sum()),
                         ratings=int(kpis["ratings"].sum()))
        layout.table(
            kpis.select("persona", "journeys", "nps", "responses", "csat", "ratings", "ces", "ces_responses",
                        "median_hours", "handoff_rate"),
            "personas.csv",
            labels={"persona": t("col_persona"), "journeys": t("col_journeys"), "nps": t("col_nps"),
                    "responses": t("col_nps_responses"), "csat": t("col_csat"), "ratings": t("col_ratings"),
                    "ces": t("col_ces"), "ces_responses": t("col_ces_responses"),
                    "median_hours": t("col_median_hours"), "handoff_rate": t("col_handoff_rate")},
            formats={"nps": "%.1f", "csat": "%.1f", "ces": "%.2f", "median_hours": "%.1f", "handoff_rate": "%.1f"},
        )

left, right = st.columns([3, 2], gap="large")
with left, layout.guard():
    st.subheader(t("channel_mix"))
    mix = data.channel_mix(ds, f)
    if mix.height == 0:
        st.info(t("no_answers"))
    else:
        layout.chart(charts.channel_mix(mix, data.colour_keys(ds)["persona"], colours["channel"]))
        st.caption(t("n_touchpoints", n=f"{int(mix['events'].sum()):,}"))

with right, layout.guard():
    st.subheader(t("weakest_title"))
    st.caption(t("weakest_definition", min=min_n))
    for r in data.weakest_stages(ds, f, min_n).iter_rows(named=True):
        if r["stage"] is None:
            st.markdown(t("weakest_none", persona=text.md(r["persona"]), min=min_n))
        else:
            st.markdown(t("weakest_line", persona=text.md(r["persona"]), stage=text.md(r["stage"]), mean=f"{r['mean_satisfaction']:.2f}",
                          csat=f"{r['csat']:.0f}", n=f"{r['ratings']:,}"))
