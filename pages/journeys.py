"""Journeys behind the numbers: the most frequent paths and those detractors take, the process map, a journey list for
any selection and one journey's episode. Clicking a path or a transition lists the journeys behind it."""

from __future__ import annotations

import streamlit as st

from i18n import current_lang, t
from metrics.paths import shown
from ui import data, drill, layout, loop_data, state, tables, text
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
def journey_list() -> None:
    with layout.guard():
        st.subheader(t("journey_list_title"))
        left, right = st.columns(2)
        sort_by = state.translated_choice(left.selectbox, t("sort_by"), ["nps", "duration_hours", "handoffs"],
                                          "journeys.sort", lambda c: t("sort_" + c, lang))
        descending = state.translated_choice(right.segmented_control, t("sort_order"), [False, True], "journeys.order",
                                             lambda d: t("descending" if d else "ascending", lang), default=False,
                                             required=True)
        listed = jd.journey_list(ds, f, sort_by, descending, active.path_arg() if active else None,
                                 active.transition_arg() if active else None)
        if listed["hidden"] is not None:
            st.info(listed["hidden"].text(lang))
            return
        rows = listed["rows"]
        st.caption(t("journey_list_count", shown=f"{rows.height:,}", total=f"{listed['total']:,}"))
        table, labels = rows.select(tables.JOURNEY_COLUMNS), tables.journey_labels()
        # a new list (another selection, filter or order) starts without a selected row
        picked = st.dataframe(table.rename(labels), hide_index=True, width="stretch", on_select="rerun",
                              selection_mode="single-row", key=drill.list_key(f, active, sort_by, descending),
                              column_config={labels["duration_hours"]: st.column_config.NumberColumn(format="%.1f")})
        if picked.selection.rows:
            chosen = rows["journey_id"][picked.selection.rows[0]]
            if chosen != drill.journey():
                drill.open_journey(chosen)
        st.caption(t("journey_list_hint"))


def episode() -> None:
    """The opened journey's episode: its touchpoints on a timeline and in a table, and its customer's journeys."""
    opened = drill.journey()
    if opened:
        with layout.guard():
            ep = jd.episode(ds, f, opened)
            events = ep["events"]
            st.subheader(t("episode_title", journey=text.md(opened)))
            if ep["refused"]:
                st.error(t("episode_outside_scope", journey=text.md(opened)))
            elif events.height == 0:
                st.info(t("episode_unknown", journey=text.md(opened)))
            else:
                st.caption(t("episode_caption", customer=text.md(events["customer_id"][0]),
                             n=f"{events.height:,}"))
                loop_data.draft_button(loop_data.journey_draft(events, ds.stage_order),
                                       t("loop_open_button", journey=text.md(opened)), key="journeys.open_case")
                layout.chart(path_charts.episode_timeline(events, ds.stage_order, data.colours(ds)["channel"]))
                layout.table(*tables.episode(events, opened))
                others = ep["others"]
                st.markdown("**" + t("customer_journeys", n=f"{others.height:,}") + "**")
                layout.table(*tables.customer_journeys(others, events["customer_id"][0]))


def evidence() -> None:
    journey_list()
    episode()


if active is not None:
    evidence()


def _select_path(table):
    def pick():
        points = st.session_state["journeys.path_chart"]["selection"]["points"]
        if points and points[0].get("customdata"):
            drill.select(drill.Drill(kind, values=tuple(table["path"][int(points[0]["customdata"][0])])))
    return pick


def _select_edge(table, map_kind):
    def pick():
        points = st.session_state["journeys.map_chart"]["selection"]["points"]
        if points and points[0].get("customdata"):
            row = table.row(int(points[0]["customdata"][0]), named=True)
            drill.select(drill.Drill(map_kind, start=row["from"], end=row["to"]))
    return pick


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
        layout.chart(path_charts.path_bars(paths, min_n), on_select=_select_path(paths), selection_mode="points",
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
                     on_select=_select_edge(edges, map_kind), selection_mode="points", key="journeys.map_chart")
        if drawn.height < edges.height:
            st.caption(t("map_edges_shown", shown=drawn.height, total=f"{edges.height:,}"))
        layout.n_caption(journeys=int(paths["journeys"].sum()))
        layout.suppressed_caption()
        layout.table(*tables.transitions(edges, map_kind))

if active is None:
    evidence()
