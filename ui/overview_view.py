"""The overview page's sections: the period picker, the headline (the executive story, or a survey's own), the KPI
cards, a survey's lowest rated questions, the weekly NPS, the worst pain points, what changed and where, and the
detractors to call back. Each draws from ``ui.data``'s cached figures; the page (pages/overview.py) lays them out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from pathlib import Path

import polars as pl
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx

from i18n import t
from ingest.ingested import SurveyInfo
from metrics.periods import PERIOD_CHOICES, days_behind
from store import Dataset, Filters
from ui import audit, cards, data, layout, loop_data, state, tables, text, voc_data
from ui.charts import nps as nps_charts
from ui.charts import snapshot

PAGES = Path(__file__).resolve().parents[1] / "pages"
JOURNEY_MAP = PAGES / "journey_map.py"
QUESTIONS = PAGES / "questions.py"


def period(ds: Dataset, f: Filters, column, dated: bool) -> str:
    """The comparison period picked in ``column`` (the last 30 days of data by default, the sidebar's dates when it
    set them), with a warning when the data ends long before today; a survey without answer dates has one period."""
    if "overview.period" not in st.session_state:
        st.session_state["overview.period"] = "custom" if (f.since or f.until) else "last_30"
    if not dated:
        return "last_30"
    # A select box, not a segmented control: five choices did not fit a phone's width (the last ones were cut off).
    # The labels' language is bound when the box is drawn (format_func may be called outside the run).
    labels = {c: t("period_choice_" + ("custom" if c == "custom" else "data_" + c)) for c in PERIOD_CHOICES}
    chosen = state.translated_choice(column.selectbox, t("period"), PERIOD_CHOICES, "overview.period",
                                     labels.__getitem__, help=t("help_period"))

    last_day = data.filter_options(ds)["dates"][1]
    behind = days_behind(last_day, dt.date.today())
    if behind is not None and chosen != "custom":  # "the last 30 days" are the data's, not the calendar's
        st.info(t("data_ends_long_ago", last=last_day, days=f"{behind:,}"))
    return chosen


def prefetch(ds: Dataset, f: Filters) -> None:
    """Start the overview's executive story of ``ds`` under ``f`` in a background thread, once per dataset and
    selection, once the browser has drawn the page: the Upload page calls it once a file is loaded, so the story is
    computed while the person reads what was loaded, and the overview's first view takes it from the cache (or waits
    for that same computation: one per cache key at a time). The period and the keywords' state are the ones the
    overview would ask with."""
    key = (ds.version, f)
    if st.session_state.get("overview.prefetched") == key:
        return
    st.session_state["overview.prefetched"] = key
    about = data.survey_info(ds)
    dated = about is None or about.timestamp_column is not None
    chosen = st.session_state.get("overview.period") or ("custom" if (f.since or f.until) else "last_30")
    args = (ds, f, chosen if dated else "last_30", voc_data.keywords_ready(ds))
    _after_drawing("cxlens-overview-prefetch", data.executive_summary, *args)


# The personas whose stories are taken ahead of a first pick (prefetch_personas), at most: the filter's first ones.
PREFETCH_PERSONAS = 12
_PREFETCHED: set[tuple] = set()  # process-wide, as the figures' cache is: (dataset version, filters, period)
_PREFETCHED_LOCK = threading.Lock()
_PREFETCHED_KEPT = 4096


def prefetch_personas(ds: Dataset, f: Filters, period: str, s: dict) -> None:
    """Once the overview's story ``s`` of ``f`` is complete (the facts' late outputs written and, with comments, their
    keywords computed), compute in one background thread the overview of each persona added to ``f`` (the same
    period): whether it selects anything, the executive story, the weekly NPS with its band and the pain points'
    quotes, persona by persona in the filter's order. A person who reads the story and then picks a persona takes
    that persona's from the cache (or waits for that same computation). Once per process for each dataset version,
    selection and period (at most _PREFETCHED_KEPT remembered); nothing when ``f`` has a persona already or the data
    has none."""
    if f.persona or "persona" not in ds.has or s.get("comments_running") or not data.late_written(ds):
        return
    key = (ds.version, f, period)
    with _PREFETCHED_LOCK:
        if key in _PREFETCHED:
            return
        if len(_PREFETCHED) >= _PREFETCHED_KEPT:  # a long-running server: forgotten, a later prefetch hits the cache
            _PREFETCHED.clear()
        _PREFETCHED.add(key)
    personas = data.filter_options(ds)["persona"][:PREFETCH_PERSONAS]
    picks = [dataclasses.replace(f, persona=(str(p),)) for p in personas]
    about = data.survey_info(ds)
    args = (ds, picks, period, voc_data.keywords_ready(ds), about is None or about.timestamp_column is not None)
    _after_drawing("cxlens-persona-prefetch", _persona_stories, *args)


def _persona_stories(ds: Dataset, picks: list[Filters], period: str, keywords: bool, dated: bool) -> None:
    """What the overview asks for under each of ``picks``, computed into the cache (prefetch_personas)."""
    for pick in picks:
        data.totals(ds, pick)  # the page's check for an empty selection (layout.stop_if_empty)
        data.executive_summary(ds, pick, period, keywords)
        if dated:
            data.nps_by_week(ds, pick)
            data.score_trend(ds, pick, "week", "nps")
        if keywords:
            voc_data.top_complaints(ds, pick, "touchpoint")


def _after_drawing(name: str, fn, *args) -> None:
    """``fn(*args)`` for its cached results, in a daemon thread ``name`` started once the browser has drawn this run's
    page (data.DRAWING_SECONDS, as the late pass), with the session's script context: its viewer (scope) and uploaded
    data, read by ui.data's cache keys."""
    timer = threading.Timer(data.DRAWING_SECONDS, _quietly, args=(fn, *args))
    timer.name, timer.daemon = name, True
    add_script_run_ctx(timer)
    timer.start()


def _quietly(fn, *args) -> None:
    """``fn(*args)`` for its cached result only: a failure is logged, and the page that asks for it says it."""
    try:
        fn(*args)
    except Exception:
        logging.getLogger("cxlens.ui").info("the overview's prefetch failed", exc_info=True)


def headline(ds: Dataset, f: Filters, s: dict, about: SurveyInfo | None, button, lang: str) -> None:
    """The headline: the executive story with its PDF (``button``: the column of the download), the loop's line
    and, while the comment analysis runs, a rerun once it is ready; a survey's own sentences, weighting line and
    the warning when who answers changed."""
    if about is None:  # the story speaks of periods and NPS; a survey's outcome is on the Key drivers page
        if snapshot.browser() is None:  # the deferred download would fail with Streamlit's own English words
            st.caption(t("pdf_no_browser"))  # across the page: the button's narrow column made it seven lines
        else:
            button.download_button(t("pdf_button"), audit.exported(f"cxlens-summary-{lang}.pdf", f,
                                                                   lambda: snapshot.pdf(s, lang,
                                                                                        loop_data.pdf_status(ds))),
                                   file_name=f"cxlens-summary-{lang}.pdf", mime="application/pdf",
                                   icon=":material/picture_as_pdf:", on_click="ignore", width="stretch",
                                   key="download:summary.pdf")
        with st.container(border=True):
            st.markdown("**" + t("headline_title") + "**", help=snapshot.headline_statistics(s, lang))
            for sentence in snapshot.headline(s, lang):
                st.markdown(text.md(sentence))
            if s.get("comments_running"):  # the complaint and the pain points' quotes come in when ready
                voc_data.rerun_when_keywords_ready(ds)
            loop_data.overview_line(ds, lang)  # what we changed and whether it worked (pages/loop.py)
    else:  # a survey's own headline: who answered, the outcome, the best and lowest questions, what moves it
        with st.container(border=True):
            st.markdown("**" + t("headline_title") + "**")
            for sentence in data.survey_headline(ds, f):
                st.markdown(text.md(sentence.text(lang)))
            weighted = data.survey_weighting_line(ds, f)
            if weighted is not None:  # the figures below are weighted: said where they are read
                st.caption(text.md(weighted.text(lang)))
        rate = data.survey_response_rate(ds, f)
        if rate is not None and rate["mix_change"] and rate["mix_change"]["warning"] is not None:
            st.warning(text.md(rate["mix_change"]["warning"].text(lang)), icon=":material/group:")


def kpi_cards(s: dict, dated: bool, about: SurveyInfo | None, lang: str) -> None:
    """The KPI cards in one wrapping row, with what they are compared with."""
    # one wrapping row: the cards share a desktop row and sit two per row on a phone (st.columns stacked them,
    # six cards took 1.5 phone screens before the first chart)
    cards_row = st.container(horizontal=True, gap="small")
    for card in cards.kpi_cards(s, dated, data.min_sample(), data.min_group(), survey=about is not None):
        with cards_row.container(border=True, width="stretch"):
            if card.hidden:  # "fewer than 5" as wrapping text: in st.metric's large figure it was cut to "fewe…"
                st.markdown(text.md(card.label), help=card.help)
                st.markdown(f"**{text.md(card.value)}**")
                continue
            st.metric(card.label, card.value, card.delta.text, delta_color=card.delta.color,
                      delta_arrow=card.delta.arrow, help=card.help)
            if card.compared:  # a caption wraps; the metric's delta_description was cut on a narrow card
                st.caption(card.compared)
            if card.notes:
                st.caption(card.notes)
    current_label, previous_label = snapshot.period_labels(s["period"], lang)
    if about is not None:
        st.caption(t("survey_overview_note"))
    if data.min_group():
        st.caption(t("suppressed_note", n=data.min_group()))
    if dated and not s["suppressed"]:  # no change is shown on a hidden card
        st.caption(t("delta_caption_same_period", period=current_label, previous=previous_label))


def survey_lowest(ds: Dataset, f: Filters, s: dict, lang: str) -> None:
    """A survey's three lowest rated questions by top-2-box, with their intervals."""
    st.subheader(t("survey_lowest_title"))
    if s["suppressed"]:
        st.info(snapshot.hidden_sentence(s, lang))
    else:
        lowest = data.survey_top_two_box(ds, f).filter(pl.col("answers") > 0).sort("top_two_pct").head(3)
        for r in lowest.iter_rows(named=True):
            st.markdown(t("survey_lowest_line", question=text.md(r["question"]), pct=f"{r['top_two_pct']:.0f}",
                          low=f"{r['top_two_low']:.0f}", high=f"{r['top_two_high']:.0f}", n=f"{r['answers']:,}"))
    st.page_link(QUESTIONS, label=t("see_questions"), icon=":material/bar_chart:")


def nps_trend(ds: Dataset, f: Filters, s: dict, lang: str) -> None:
    """The weekly NPS with its target, its band and the weeks flagged as unusual."""
    st.subheader(t("nps_trend"))
    trend = data.nps_by_week(ds, f)
    if s["suppressed"]:  # too few customers: that, not "no answers"
        st.info(snapshot.hidden_sentence(s, lang))
    elif trend.height == 0:
        st.info(t("no_answers"))
    else:
        weekly = data.score_trend(ds, f, "week", "nps")
        layout.chart(nps_charts.nps_trend_with_band(trend, data.min_sample(), s["targets"]["nps"].target,
                                                    weekly.table))
        layout.n_caption(answers=int(trend["responses"].sum()))
        flagged = int(weekly.table["anomaly"].sum())
        if weekly.anomaly_reason:
            st.caption(t("anomaly_unavailable", reason=weekly.anomaly_reason))
        else:
            st.caption(t("anomaly_some", n=flagged) if flagged else t("anomaly_none"))


def pain_points(ds: Dataset, f: Filters, s: dict, lang: str) -> None:
    """The touchpoints significantly below the average rating, with the detractors' words there and an action each."""
    st.subheader(t("worst_pain_points"))
    worst, average = s["pain_points"], s["average_csat"]
    if s["suppressed"]:
        st.info(snapshot.hidden_sentence(s, lang))
    elif average is None:
        st.info(t("no_pain_points"))
    elif worst.height == 0:
        st.info(t("pain_none_stands_out", average=f"{average:.0f}"))
    said = voc_data.complaints_if_ready(ds, f, "touchpoint")  # the detractors' words at the pain point
    quotes = {} if said is None else {r["touchpoint"]: r for r in said.iter_rows(named=True)}
    for i, r in enumerate(worst.iter_rows(named=True)):
        st.markdown(t("pain_point_line", touchpoint=text.md(r["touchpoint"]), events=f"{r['events']:,}",
                      csat=f"{r['csat']:.0f}", score=f"{r['pain_score']:,.0f}"))
        if r["touchpoint"] in quotes:
            q = quotes[r["touchpoint"]]
            st.caption(t("pain_voice", keyword=text.md(q["keyword"]), quote=text.md(q["quote"] or "")))
        planned = loop_data.pain_point_draft(r)
        loop_data.draft_button(planned, t("loop_plan_action_on", target=text.md(planned.target_value)),
                               key=f"overview.plan.{i}")
    if worst.height:
        if said is None and s.get("comments_running"):
            st.caption(t("pain_voice_running"))
        st.caption(t("pain_ranked_clearly", average=f"{average:.0f}"))
        st.page_link(JOURNEY_MAP, label=t("see_journey_map"), icon=":material/route:")


def movers(s: dict, about: SurveyInfo | None, lang: str) -> None:
    """What changed between the two periods, and where (the significant segment moves)."""
    st.subheader(t("movers_title"))
    current_label, previous_label = snapshot.period_labels(s["period"], lang)
    if not s["suppressed"]:  # "0 figures tested" would be false: they are hidden, not missing
        st.caption(t("movers_intro", period=current_label, previous=previous_label, tested=s["tested"],
                     min=data.min_sample()))
    if about is not None and about.weighted:  # the cards above are weighted; this table's tests count answers
        st.caption(t("movers_unweighted"))
    alerts = s["alerts"]
    if s["suppressed"]:
        st.info(snapshot.hidden_sentence(s, lang))
    elif not s["kpis"]["compared"]:
        st.info(t("movers_nothing_to_compare", previous=previous_label))
    elif alerts.is_empty():
        st.info(t("movers_none"))
    else:
        layout.table(*tables.alerts(alerts, lang))


def detractors(ds: Dataset, f: Filters, lang: str) -> None:
    """The detractors to call back, computed when the toggle asks for them."""
    st.subheader(t("detractors_title"))
    # Computed when asked for: the list reads the comments from the source, the heaviest query of the page.
    if st.toggle(t("detractors_show"), key="overview.detractors"):
        follow_up = layout.detractors_to_call(ds, f, lang)
        if follow_up is not None:
            st.caption(t("detractors_intro", n=f"{follow_up.height:,}"))
            layout.table(*tables.detractors(follow_up))
