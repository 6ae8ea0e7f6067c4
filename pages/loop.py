"""Loop: closing the loop on detractors and measuring what the team changed. My cases (overdue first) with their
editor and history, a case opened from the detractor list in one click, the case metrics and recovery, and each
improvement action with its impact; a case or an action started on another page arrives here filled in
(docs/dashboard.md, "The loop")."""

from __future__ import annotations

import streamlit as st

from i18n import current_lang, t
from ui import data, layout, loop_data, loop_forms, tables

ds, f = data.current_dataset(), data.current_filters()
lang = current_lang()
st.title(t("page_loop"))
st.caption(t("loop_intro"))
me = loop_data.identity()
loop_data.show_said()

draft = loop_data.draft()
if draft is not None:
    loop_forms.drafted(draft, me)

with layout.guard():
    cases, actions = loop_data.cases(), loop_data.actions()
    loop_forms.case_metrics(loop_data.status(ds, cases))
    st.subheader(t("loop_my_cases") if me else t("loop_all_cases"))
    everyone = st.toggle(t("loop_show_everyones"), key="loop.everyone", disabled=not me)
    shown = loop_data.case_table(cases, None if everyone else me)
    if shown.is_empty():
        st.info(t("loop_no_cases_mine" if me and not everyone else "loop_no_cases"))
    else:
        layout.table(*tables.cases(shown, lang, loop_data.case_selection(shown)))
    chosen = loop_data.selected_case(cases)
    if chosen is not None:
        loop_forms.case_editor(chosen, me, lang)

with layout.guard():
    st.subheader(t("loop_open_title"))
    st.caption(t("loop_open_intro"))
    follow_up = layout.detractors_to_call(ds, f, lang)
    if follow_up is not None:
        layout.table(*tables.detractors(follow_up)._replace(
            select={"on_select": "rerun", "selection_mode": "single-row", "key": "loop.detractor_rows"}))
        picked = loop_data.selected_row(follow_up, "loop.detractor_rows")
        label = t("loop_open_button", journey=picked["journey_id"]) if picked else t("loop_open_button_none")
        if st.button(label, type="primary", disabled=picked is None, icon=":material/add_task:", key="loop.open"):
            loop_data.open_from(picked, me, me)
            st.rerun()

with layout.guard():
    st.subheader(t("loop_actions_title"))
    for action, measured in loop_data.impacts(ds, actions):
        loop_forms.action_card(action, measured, me, lang, data.min_sample())
    if actions.is_empty():
        st.info(t("loop_no_actions"))
    if draft is None or draft.what != "action":  # a drafted action has its form at the top
        with st.expander(t("loop_action_new"), expanded=actions.is_empty()):
            loop_forms.action_form("loop.new_action", me)
