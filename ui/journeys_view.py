"""The Journeys page's evidence: the journeys behind a selection and one journey's episode, and the clicks on the path
bars and the process map's edges that select journeys."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from i18n import t
from store import Dataset, Filters
from ui import data, drill, layout, loop_data, state, tables, text
from ui import journeys_data as jd
from ui.charts import journey_paths as path_charts


def journey_list(ds: Dataset, f: Filters, active: drill.Drill | None, lang: str) -> None:
    """The journeys behind the selection (a drill-down's path or transition, else the filters), sorted as chosen; a
    row picked opens its episode."""
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


def episode(ds: Dataset, f: Filters) -> None:
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


def path_picker(table: pl.DataFrame, kind: str) -> Callable[[], None]:
    """A click on a path bar: its journeys become the selection."""
    def pick():
        points = st.session_state["journeys.path_chart"]["selection"]["points"]
        if points and points[0].get("customdata"):
            drill.select(drill.Drill(kind, values=tuple(table["path"][int(points[0]["customdata"][0])])))
    return pick


def edge_picker(table: pl.DataFrame, map_kind: str) -> Callable[[], None]:
    """A click on a process-map edge: its transition's journeys become the selection."""
    def pick():
        points = st.session_state["journeys.map_chart"]["selection"]["points"]
        if points and points[0].get("customdata"):
            row = table.row(int(points[0]["customdata"][0]), named=True)
            drill.select(drill.Drill(map_kind, start=row["from"], end=row["to"]))
    return pick
