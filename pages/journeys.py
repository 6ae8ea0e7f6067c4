"""Journeys behind the numbers: the most frequent paths and those detractors take, the process map, a journey list for
any selection and one journey's episode. Clicking a path or a transition lists the journeys behind it."""

from __future__ import annotations

import streamlit as st

from i18n import current_lang, t
from metrics.paths import shown
from ui import data, drill, journeys_view, layout, loop_data, state, tables, text
from ui import journeys_data as jd
from ui.charts import journey_paths as path_charts

ds, f = data.current_dataset(), data.current_filters()
lang = current_lang()
min_n = data.min_sample()
st.title(t("page_journeys"))
st.caption(t("journeys_intro"))
layout.stop_if_empty(ds, f)

active = drill.current()
if "journeys.kind" not in st.session_state:  # a shared link to a channel path or transition shows channel paths
    st.session_state["journeys.kind"] = active.kind if active and active.kind in drill.KINDS else "stage"
kind = state.translated_choice(st.segmented_control, t("path_kind"), ["stage", "channel"], "journeys.kind",
                               lambda k: t("kind_" + k, lang), required=True)

# --- the active selection, with one click to clear
if active is not None:
    what = (t("drill_transition", kind=t("edge_" + active.kind), start=active.start, end=active.end)
            if active.is_transition else t("drill_path", kind=t("kind_" + active.kind), path=shown(active.values)))
    box, clear = st.columns([5, 1], vertical_alignment="center")
    box.info(t("drill_active", what=text.md(what)), icon=":material/filter_alt:")
    clear.button(t("drill_clear"), on_click=drill.clear, args=(("journeys.path_chart", "journeys.map_chart"),),
                 icon=":material/close:", key="journeys.clear", width="stretch")
    loop_data.draft_button(loop_data.path_draft(active.kind, (active.start, active.end) if active.is_transition
                                                else active.values),
                           t("loop_plan_action_path"), key="journeys.plan")


# --- the journeys behind the selection (with their comments): first when a drill-down opened the page, the evidence
# it asked for; else below the charts that lead to it
if active is not None:
    journeys_view.journey_list(ds, f, active, lang)
    journeys_view.episode(ds, f)

paths = jd.path_table(ds, f, kind)
with layout.guard():
    st.subheader(t("paths_title"))
    view = state.translated_choice(st.segmented_control, t("path_view"), ["bars", "tree"], "journeys.path_view",
                                   lambda v: t("path_view_" + v, lang), default="bars", required=True)
    if view == "tree":
        st.caption(t("path_tree_explained", share=jd.TREE_MIN_SHARE))
        layout.chart(path_charts.path_tree(jd.path_tree(ds, f, kind), min_n))
    else:
        st.caption(t("paths_explained"))
        layout.chart(path_charts.path_bars(paths, min_n), on_select=journeys_view.path_picker(paths, kind), selection_mode="points",
                     key="journeys.path_chart")
    layout.n_caption(journeys=int(paths["journeys"].sum()), answers=int(paths["responses"].sum()))
    layout.table(*tables.paths(paths, kind))

with layout.guard():
    st.subheader(t("detractor_paths_title"))
    st.caption(t("detractor_paths_explained"))
    over = jd.detractor_paths(ds, f, kind)
    if over.height == 0:
        st.info(t("no_detractor_paths"))
    else:
        layout.table(*tables.detractor_paths(over, kind))

with layout.guard():
    st.subheader(t("process_map_title"))
    st.caption(t("process_map_explained"))
    # the map's nodes: the paths' kind unless chosen here (remembered per paths' kind); a shared link to a
    # touchpoint transition opens the touchpoint map
    map_kinds = [*drill.KINDS, "touchpoint"] if jd.touchpoint_map(ds) else list(drill.KINDS)
    map_key = f"journeys.map_kind.{kind}"
    if map_key not in st.session_state:
        st.session_state[map_key] = active.kind if active and active.is_transition and active.kind in map_kinds else kind
    map_kind = state.translated_choice(st.segmented_control, t("map_kind"), map_kinds, map_key,
                                       lambda k: t("nodes_" + k, lang), required=True)
    if len(map_kinds) == 2:
        st.caption(t("no_touchpoint_map", max=jd.MAX_MAP_TOUCHPOINTS))
    edges = jd.transition_table(ds, f, map_kind)
    if edges.height == 0:
        st.info(t("no_transitions"))
    else:
        drawn = edges.head(jd.MAP_EDGES) if map_kind == "touchpoint" else edges
        nodes = {"stage": ds.stage_order, "channel": data.filter_options(ds)["channel"]}.get(
            map_kind) or jd.touchpoint_order(ds)
        layout.chart(path_charts.process_map(drawn, nodes, min_n, "line" if map_kind == "stage" else "circle"),
                     on_select=journeys_view.edge_picker(edges, map_kind), selection_mode="points", key="journeys.map_chart")
        if drawn.height < edges.height:
            st.caption(t("map_edges_shown", shown=drawn.height, total=f"{edges.height:,}"))
        layout.n_caption(journeys=int(paths["journeys"].sum()))
        layout.suppressed_caption()
        layout.table(*tables.transitions(edges, map_kind))

if active is None:
    journeys_view.journey_list(ds, f, active, lang)
    journeys_view.episode(ds, f)
