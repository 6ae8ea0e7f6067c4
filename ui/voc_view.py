"""The VoC page's interactive sections: the comments a clicked keyword bar opens under its chart, and the verbatims
with their keyword pick and search."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from i18n import current_lang, t
from ingest.ingested import SurveyInfo
from store import Dataset, Filters
from ui import layout, loop_data, state, tables, text, voc_data

BAR_CHARTS = ("voc.keyword_chart", "voc.detractor_chart", "voc.promoter_chart")
_OPENED = "voc.opened"  # (where, keyword): the chart whose bar was clicked, and the bar's keyword


def opener(where: str) -> Callable[[str], None]:
    """A keyword bar's click: the comments that use the word open under the chart clicked (``where``)."""
    def show(keyword: str) -> None:
        st.session_state[_OPENED] = (where, keyword)
    return show


def _close() -> None:
    st.session_state.pop(_OPENED, None)
    for key in BAR_CHARTS:  # the bars show no clicked bar once its comments are closed
        st.session_state.pop(key, None)


def opened_comments(ds: Dataset, f: Filters, where: str) -> None:
    """The comments using the keyword a bar of ``where`` opened (masked, newest first), with a close button."""
    opened = st.session_state.get(_OPENED)
    if not opened or opened[0] != where:
        return
    keyword = opened[1]
    with st.container(border=True):
        head, close = st.columns([5, 1], vertical_alignment="center")
        head.markdown("**" + t("voc_opened_title", keyword=text.md(keyword)) + "**")
        close.button(t("voc_opened_close"), key="voc.close", on_click=_close, icon=":material/close:", width="stretch")
        rows = voc_data.verbatims(ds, f, keyword, "")
        st.caption(t("voc_verbatims_note", n=f"{rows.height:,}", limit=500))
        layout.table(*tables.verbatims(rows, "comments.csv"))
        if keyword not in f.keyword:
            st.button(t("voc_apply_filter", keyword=text.md(keyword)), key="voc.opened_apply",
                      on_click=state.add_keyword, args=(keyword,))


def verbatims(ds: Dataset, f: Filters, keywords: list[str], about: SurveyInfo | None) -> None:
    """The comments (masked, newest first) for a keyword picked and a text searched, with the keyword's filter and
    action buttons; a survey's comment is the respondent's, shown without the first question's stage, channel,
    touchpoint and rating (and without a date or persona the survey does not have)."""
    left, right = st.columns([1, 2])
    any_keyword = t("voc_any_keyword")
    pick = left.selectbox(t("keyword"), [any_keyword, *keywords], key="voc.verbatim_keyword")
    search = (right.text_input(t("voc_search"), key="voc.search", max_chars=100) or "").strip()
    keyword = "" if pick == any_keyword else pick
    rows = voc_data.verbatims(ds, f, keyword, search)
    hidden = voc_data.verbatims_hidden(ds, f, keyword, search)
    if about is not None:
        rows = rows.drop("stage", "channel", "touchpoint", "satisfaction",
                         *([] if about.timestamp_column else ["timestamp"]),
                         *([] if about.persona_column else ["persona"]), strict=False)
    st.caption(hidden.text(current_lang()) if hidden else t("voc_verbatims_note", n=f"{rows.height:,}", limit=500))
    layout.table(*tables.verbatims(rows))
    if keyword and keyword not in f.keyword:
        st.button(t("voc_apply_filter", keyword=text.md(keyword)), key="voc.apply",
                  on_click=state.add_keyword, args=(keyword,))
    if keyword:
        loop_data.draft_button(loop_data.action_draft("keyword", "keyword", keyword),
                               t("loop_plan_action_on", target=text.md(keyword)), key="voc.plan")
