"""Personas: every KPI side by side, the channel mix of each persona and each persona's weakest stage."""

from __future__ import annotations

import streamlit as st

from i18n import current_lang, t
from store import Filters
from ui import data, layout, persona_data, state, text
from ui.charts import personas as persona_charts

ds, f = data.current_dataset(), data.current_filters()
min_n = data.min_sample()
st.title(t("page_personas"))
layout.stop_if_empty(ds, f)
colours = data.colours(ds)
setting = data.persona_setting()  # None while the data's own persona column is in use

if setting is None:
    st.caption(t("derived_hint"))
else:
    k, features = setting
    base, lang = data.base_dataset(), current_lang()
    with layout.guard():
        st.subheader(t("derived_title"))
        dp = persona_data.derived_personas(base, f, k, lang, features)
        how = t("derived_k_auto") if dp.criterion != "given" else t("derived_k_given")
        st.caption(t("derived_caption", customers=f"{dp.customers:,}", n=len(dp.features),
                     method=t("derived_method_" + dp.method), k=dp.k, how=how))
        available = persona_data.persona_features(base, Filters())
        if "derived.features" not in st.session_state:
            st.session_state["derived.features"] = list(features) or available["default"]
        with st.expander(t("derived_features_count", n=len(dp.features), all=len(available["all"]))):
            state.translated_choice(st.multiselect, t("derived_features"), available["all"], "derived.features",
                                    lambda name: persona_data.feature_name(name, lang), help=t("help_derived_features"),
                                    on_change=persona_data.choose_persona_features, args=(available["default"],))
        layout.table(
            persona_data.derived_table(base, f, k, lang, features), "derived_personas.csv",
            labels={"persona": t("col_persona"), "customers": t("col_customers"), "share_pct": t("col_customer_share"),
                    "journeys": t("col_journeys"), "nps": t("col_nps"), "csat": t("col_csat"),
                    "weakest_stage": t("col_weakest_stage"), "representative": t("col_representative"),
                    "episode": t("col_episode"), "traits": t("col_traits")},
            formats={"share_pct": "%.1f", "nps": "%.1f", "csat": "%.1f"},
            links={"episode": t("open_episode")},
            column_order=["persona", "customers", "nps", "csat"],  # what a phone shows without scrolling
        )
        layout.suppressed_caption()
        st.subheader(t("persona_map_title"))
        layout.chart(persona_charts.persona_map(dp.cells, colours["persona"]))
        st.caption(t("persona_map_caption_" + dp.method))

with layout.guard():
    st.subheader(t("personas_side_by_side"))
    kpis = data.persona_kpis(ds, f)
    if kpis.height == 0:
        st.info(t("no_answers"))
    else:
        layout.chart(persona_charts.persona_multiples(kpis, colours["persona"], min_n))
        layout.n_caption(journeys=int(kpis["journeys"].sum()), answers=int(kpis["responses"].sum()),
                         ratings=int(kpis["ratings"].sum()))
        layout.suppressed_caption()
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
        layout.chart(persona_charts.channel_mix(mix, data.colour_keys(ds)["persona"], colours["channel"]))
        st.caption(t("n_touchpoints", n=f"{int(mix['events'].sum()):,}"))
        layout.suppressed_caption()

with right, layout.guard():
    st.subheader(t("weakest_title"))
    st.caption(t("weakest_definition", min=min_n))
    for r in data.weakest_stages(ds, f, min_n).iter_rows(named=True):
        if r["stage"] is None:
            st.markdown(t("weakest_none", persona=text.md(r["persona"]), min=min_n))
        else:
            st.markdown(t("weakest_line", persona=text.md(r["persona"]), stage=text.md(r["stage"]), mean=f"{r['mean_satisfaction']:.2f}",
                          csat=f"{r['csat']:.0f}", n=f"{r['ratings']:,}"))
