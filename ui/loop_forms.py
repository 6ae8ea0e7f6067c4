"""The Loop page's forms and cards: a new or drafted action, a drafted case, the editor of a chosen case, the change
form of an action, and the row of case metrics. Each write goes through ``ui.loop_data`` and reruns the page."""

from __future__ import annotations

import streamlit as st

from i18n import t
from loop.tables import ACTION_STATUSES, ACTION_TARGETS, CASE_STATUSES
from ui import format as fmt
from ui import layout, loop_data, tables, text
from ui.charts import loop as loop_charts


def action_form(key: str, me: str, draft: loop_data.Draft | None = None) -> None:
    """The new action's form, filled in from ``draft`` when there is one."""
    with st.form(key, border=False):
        title = st.text_input(t("loop_action_title"), value=loop_data.draft_title(draft) if draft else "")
        left, right = st.columns(2)
        kind = left.selectbox(t("loop_target_kind"), ACTION_TARGETS, format_func=lambda k: t("loop_target_" + k),
                              index=ACTION_TARGETS.index(draft.target_kind) if draft else 0)
        target = right.text_input(t("loop_target_value"), value=draft.target_value if draft else "",
                                  help=t("loop_target_value_help"))
        owner = left.text_input(t("loop_owner"), value=me)
        new_status = right.selectbox(t("loop_status"), ACTION_STATUSES,
                                     format_func=lambda s: t("loop_action_status_" + s))
        launch = left.date_input(t("loop_launch_date"), value=None)
        expected = right.number_input(t("loop_expected"), value=None, step=1.0, help=t("loop_expected_help"))
        notes = st.text_area(t("loop_notes"), value=draft.path if draft else "")
        if st.form_submit_button(t("loop_action_create"), type="primary"):
            loop_data.create_drafted(me, title=title, target_kind=kind, target_value=target, owner=owner,
                                     status=new_status, launch_date=launch, expected_effect_pp=expected, notes=notes)
            st.rerun()


def drafted(draft: loop_data.Draft, me: str) -> None:
    """A case or an action started on another page, filled in, at the top of the page, with a discard button."""
    loop_data.bring_into_view(draft)
    with st.container(border=True):
        st.subheader(t(loop_data.DRAFT_HEADING[draft.what]))
        st.caption(loop_data.draft_said(draft))
        if draft.what == "action":
            action_form(f"loop.draft_action.{draft.serial}", me, draft)
        else:
            with st.form(f"loop.draft_case.{draft.serial}", border=False):
                left, right = st.columns(2)
                owner = left.text_input(t("loop_owner"), value=me)
                stage = right.text_input(t("loop_col_stage"), value=draft.stage)
                touchpoint = left.text_input(t("loop_col_touchpoint"), value=draft.touchpoint)
                notes = st.text_area(t("loop_notes"), help=t("loop_notes_help"))
                if st.form_submit_button(t("loop_draft_open_case"), type="primary"):
                    loop_data.open_drafted(draft, me, owner, stage, touchpoint, notes)
                    st.rerun()
        st.button(t("loop_draft_discard"), on_click=loop_data.discard_draft, key="loop.draft_discard",
                  icon=":material/close:")


def case_metrics(status: dict) -> None:
    """The row of case metrics (open, overdue, days to close, contacted in time, recovery) and the recovery test."""
    c, r = status["cases"], status["recovery"]
    in_time = c["contacted_in_time"]
    row = st.container(horizontal=True, gap="small")
    for label, value, help_key in (
            ("loop_kpi_open", f"{c['open']:,}", "loop_kpi_open_help"),
            ("loop_kpi_overdue", f"{c['overdue']:,}", "loop_kpi_overdue_help"),
            ("loop_kpi_days_to_close", fmt.number(c["median_days_to_close"]), "loop_kpi_days_to_close_help"),
            ("loop_kpi_in_time", fmt.number(in_time, ".0f") + ("%" if in_time is not None else ""),
             "loop_kpi_in_time_help"),
            ("loop_kpi_recovery", fmt.number(r["with_case"]["nps"]) + " / " + fmt.number(r["without_case"]["nps"]),
             "loop_kpi_recovery_help")):
        with row.container(border=True, width="stretch"):
            st.metric(t(label), value, help=t(help_key))
    st.caption(t("loop_recovery_caption", with_n=f"{r['with_case']['responses']:,}",
                 without_n=f"{r['without_case']['responses']:,}",
                 verdict=t(loop_data.RECOVERY_VERDICT[r["significant"]])))


def case_editor(chosen: dict, me: str, lang: str) -> None:
    """The chosen case: its editor (owner, status, due date, root cause, notes), where it was opened, its history,
    and the list of root causes to extend."""
    case = loop_data.case_as_read(chosen)
    st.markdown("**" + t("loop_case_heading", id=case.id, customer=text.md(case.customer_id),
                         journey=text.md(case.journey_id)) + "**")
    causes = loop_data.root_causes()
    with st.form(f"loop.case.{case.id}.{case.version}", border=True):
        left, right = st.columns(2)
        owner = left.text_input(t("loop_owner"), value=case.owner)
        new_status = right.selectbox(t("loop_status"), CASE_STATUSES, index=CASE_STATUSES.index(case.status),
                                     format_func=lambda s: t("loop_status_" + s))
        due = left.date_input(t("loop_due_date"), value=case.due_date)
        options = ["", *causes]
        cause = right.selectbox(t("loop_root_cause"), options, index=loop_data.position(options, case.root_cause),
                                format_func=lambda v: v or t("loop_none"))
        notes = st.text_area(t("loop_notes"), value=case.notes, help=t("loop_notes_help"))
        if st.form_submit_button(t("loop_save"), type="primary"):
            loop_data.save_case(case, me, owner=owner, status=new_status, due_date=due, root_cause=cause or None,
                                notes=notes)
            st.rerun()
    st.caption(t("loop_case_where", stage=text.md(case.stage or "—"), touchpoint=text.md(case.touchpoint or "—"),
                 opened=case.opened_at.strftime("%Y-%m-%d %H:%M"), by=text.md(case.opened_by)))
    with st.expander(t("loop_history")):
        layout.table(*tables.case_history(loop_data.history(case.id), lang, case.id))
    with st.expander(t("loop_causes_edit")):
        name = st.text_input(t("loop_cause_new"), key="loop.cause_new")
        if st.button(t("loop_cause_add"), key="loop.cause_add"):
            loop_data.add_cause(name, me)
            st.rerun()


def action_card(action: dict, measured, me: str, lang: str, min_sample: int) -> None:
    """One improvement action: what it targets and who owns it, its measured impact (sentence and weekly chart),
    and its change form (status, launch date, owner)."""
    with st.container(border=True):
        st.markdown("**" + t("loop_action_heading", id=action["id"], title=text.md(action["title"])) + "**")
        st.caption(t("loop_action_line", kind=t("loop_target_" + action["target_kind"]),
                     target=text.md(action["target_value"]), owner=text.md(action["owner"]),
                     status=t("loop_action_status_" + action["status"]),
                     expected=fmt.signed(action["expected_effect_pp"], 0)))
        st.markdown(text.md(measured.sentence.text(lang)))
        if not measured.weekly.is_empty():
            layout.chart(loop_charts.impact_chart(measured.weekly, action["launch_date"], action["target_value"], min_sample),
                         file_name=f"cxlens-action-{action['id']}")
        with st.expander(t("loop_action_change")):
            read = loop_data.action_as_read(action["id"])
            with st.form(f"loop.action.{read.id}.{read.version}", border=False):
                left, right = st.columns(2)
                new_status = left.selectbox(t("loop_status"), ACTION_STATUSES,
                                            index=ACTION_STATUSES.index(read.status),
                                            format_func=lambda s: t("loop_action_status_" + s))
                launch = right.date_input(t("loop_launch_date"), value=read.launch_date)
                owner = left.text_input(t("loop_owner"), value=read.owner)
                if st.form_submit_button(t("loop_save")):
                    loop_data.save_action(read, me, status=new_status, launch_date=launch, owner=owner)
                    st.rerun()
