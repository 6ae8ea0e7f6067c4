"""Overview: the executive story. Period picker, one headline, KPI cards (value and change on the same period, target),
weekly NPS with its target, the worst pain points, what changed and where (alerts), detractors to call back, a PDF."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from metrics.periods import PERIOD_CHOICES
from metrics.story import p_text
from ui import cards, data, layout, nps_charts, snapshot, text
from ui import format as number_format
from ui.i18n import current_lang, reason, t

JOURNEY_MAP = Path(__file__).resolve().parent / "journey_map.py"
STATUS_BADGE = {"met": "green", "missed": "red"}

# (kpi, label key, help key, format, delta format, higher is better)
CARDS = (
    ("nps", "kpi_nps", "help_nps", "{:.1f}", "{:+.1f}", True),
    ("csat", "kpi_csat", "help_csat", "{:.1f}%", "{:+.1f} pp", True),
    ("ces", "kpi_ces", "help_ces", "{:.2f}", "{:+.2f}", True),
    ("journeys", "kpi_journeys", "help_journeys", "{:,}", "{:+,}", True),
    ("median_journey_hours", "kpi_median_duration", "help_median_duration", "{:.1f}", "{:+.1f}", False),
    ("handoff_rate", "kpi_handoff_rate", "help_handoff_rate", "{:.1f}%", "{:+.1f} pp", False),
)


def _test_note(key: str, k: dict) -> tuple[str | None, str]:
    """The NPS and CSAT cards' change test: a tag for the delta and a sentence for the help."""
    test = k["tests"][key]
    p = "—" if test.p_value is None else p_text(test.p_value)  # "p = 0.159", "p < 0.001" (never "0.000")
    if test.p_value is None:
        return None, t("delta_untested")
    if test.small_sample:
        current, previous = k["tests"]["answers"][key]
        return "tag_small_sample", t("delta_small_sample", p=p, min=data.min_sample(), current=current,
                                     previous=previous)
    if test.significant:
        return "tag_significant", t("delta_significant", p=p)
    return "tag_not_significant", t("delta_not_significant", p=p)


ds, f = data.current_dataset(), data.current_filters()
st.title(t("page_overview"))
layout.stop_if_empty(ds, f)
about = data.survey_info(ds)
dated = about is None or about.timestamp_column is not None

top, _, button = st.columns([2, 2, 1], vertical_alignment="bottom")
if "overview.period" not in st.session_state:
    st.session_state["overview.period"] = "custom" if (f.since or f.until) else "last_30"
period = "last_30"  # a survey without answer dates: all of it is one period, and nothing to compare it with
if dated:
    # A select box, not a segmented control: five choices did not fit a phone's width (the last ones were cut off).
    # The labels' language is bound when the box is drawn (format_func may be called outside the run).
    labels = {c: t("period_choice_" + c) for c in PERIOD_CHOICES}
    period = top.selectbox(t("period"), PERIOD_CHOICES, key="overview.period", help=t("help_period"),
                           format_func=labels.__getitem__)

with layout.guard():
    s = data.executive_summary(ds, f, period, data.keywords_ready(ds))
    lang = current_lang()
    if about is None:  # the story speaks of periods and NPS; a survey's outcome is on the Key drivers page
        if snapshot.browser() is None:  # the deferred download would fail with Streamlit's own English words
            st.caption(t("pdf_no_browser"))  # across the page: the button's narrow column made it seven lines
        else:
            button.download_button(t("pdf_button"), lambda: snapshot.pdf(s, lang),
                                   file_name=f"cxlens-summary-{lang}.pdf", mime="application/pdf",
                                   icon=":material/picture_as_pdf:", on_click="ignore", width="stretch",
                                   key="download:summary.pdf")
        with st.container(border=True):
            st.markdown("**" + t("headline_title") + "**")
            for sentence in snapshot.headline(s, lang):
                st.markdown(text.md(sentence))

    k, goals = s["kpis"], s["targets"]
    (ps, pu) = s["period"]["previous"]
    compared_text = t("card_compared" if k["compared"] else "card_not_compared", since=ps, until=pu) if dated else None
    # one wrapping row: the cards share a desktop row and sit two per row on a phone (st.columns stacked them,
    # six cards took 1.5 phone screens before the first chart)
    cards_row = st.container(horizontal=True, gap="small")
    for key, label, help_key, fmt, delta_fmt, higher_is_better in CARDS:
        value, goal = k["current"][key], goals[key]
        if key == "median_journey_hours":  # hours or days, by the value's size: value, change and target alike
            fmt, delta_fmt = number_format.duration_formats(value, number_format.duration_words())
        shown = cards.delta(k["change"][key], delta_fmt, higher_is_better, compared=k["compared"])
        help_text = t(help_key, n=f"{k['nps_responses']:,}")
        delta_text, notes = shown.text, []
        if key in ("nps", "csat") and delta_text is not None:
            tag, note = _test_note(key, k)
            notes += [t(tag)] if tag else []  # under the delta, where it wraps (in the delta it was cut)
            help_text += " " + note
        with cards_row.container(border=True, width="stretch"):
            st.metric(t(label), "—" if value is None else fmt.format(value), delta_text, delta_color=shown.color,
                      delta_arrow=shown.arrow, help=help_text)
            if compared_text:  # a caption wraps; the metric's delta_description was cut on a narrow card
                st.caption(compared_text)
            if goal.met is not None:  # coloured text, not a badge: a badge is cut on a narrow card, text wraps
                badge = t("target_badge_met" if goal.met else "target_badge_missed", target=fmt.format(goal.target),
                          gap=delta_fmt.format(goal.gap))
                notes.append(f":{STATUS_BADGE['met' if goal.met else 'missed']}[{text.md(badge)}]")
            if notes:
                st.caption(" · ".join(notes))
    current_label, previous_label = snapshot.period_labels(s["period"], lang)
    if about is not None:
        st.caption(t("survey_overview_note"))
    if dated:
        st.caption(t("delta_caption_same_period", period=current_label, previous=previous_label))

left, right = st.columns([3, 2], gap="large")
with left, layout.guard():
    st.subheader(t("nps_trend"))
    trend = data.nps_by_week(ds, f)
    if not dated:
        st.info(t("survey_no_trend"))
    elif trend.height == 0:
        st.info(t("no_answers"))
    else:
        weekly = data.score_trend(ds, f, "week", "nps")
        figure = nps_charts.add_nps_band(nps_charts.nps_trend(trend, data.min_sample(), s["targets"]["nps"].target),
                                     weekly.table)
        layout.chart(figure)
        layout.n_caption(answers=int(trend["responses"].sum()))
        flagged = int(weekly.table["anomaly"].sum())
        if weekly.anomaly_reason:
            st.caption(t("anomaly_unavailable", reason=reason(weekly.anomaly_reason)))
        else:
            st.caption(t("anomaly_some", n=flagged) if flagged else t("anomaly_none"))

with right, layout.guard():
    st.subheader(t("worst_pain_points"))
    worst, average = s["pain_points"], s["average_csat"]
    if average is None:
        st.info(t("no_pain_points"))
    elif worst.height == 0:
        st.info(t("no_pain_below_average", average=f"{average:.0f}"))
    said = data.complaints_if_ready(ds, f, "touchpoint")  # issue 12: the detractors' words at the pain point
    quotes = {} if said is None else {r["touchpoint"]: r for r in said.iter_rows(named=True)}
    for r in worst.iter_rows(named=True):
        st.markdown(t("pain_point_line", touchpoint=text.md(r["touchpoint"]), events=f"{r['events']:,}",
                      csat=f"{r['csat']:.0f}", score=f"{r['pain_score']:,.0f}"))
        if r["touchpoint"] in quotes:
            q = quotes[r["touchpoint"]]
            st.caption(t("pain_voice", keyword=text.md(q["keyword"]), quote=text.md(q["quote"] or "")))
    if worst.height:
        st.caption(t("pain_ranked", average=f"{average:.0f}"))
        st.page_link(JOURNEY_MAP, label=t("see_journey_map"), icon=":material/route:")

if dated:  # what changed between periods needs answer dates (a survey without them says so above)
    with layout.guard():
        st.subheader(t("movers_title"))
        current_label, previous_label = snapshot.period_labels(s["period"], lang)
        st.caption(t("movers_intro", period=current_label, previous=previous_label, tested=s["tested"],
                     min=data.min_sample()))
        alerts = s["alerts"]
        if alerts.is_empty():
            st.info(t("movers_none"))
        else:
            dims = snapshot.dimension_labels(lang)
            shown = alerts.with_columns(pl.col("dimension").replace(dims),
                                        pl.col("metric").replace({m: t("story_metric_" + m) for m in ("nps", "csat")}))
            layout.table(
                shown.select("dimension", "value", "metric", "previous", "current", "change", "p_value", "q_value",
                             "rate", "mix", "n_previous", "n_current"),
                "alerts.csv", labels={c: t("col_" + c) for c in ("dimension", "value", "metric", "previous", "current",
                                                                  "change", "p_value", "q_value", "rate", "mix",
                                                                  "n_previous", "n_current")},
                formats={"previous": "%.1f", "current": "%.1f", "change": "%+.1f", "p_value": "%.2g", "q_value": "%.2g",
                         "rate": "%+.2f", "mix": "%+.2f"},
            )

with layout.guard():
    st.subheader(t("detractors_title"))
    # Computed when asked for: the list reads the comments from the source, the heaviest query of the page.
    if st.toggle(t("detractors_show"), key="overview.detractors"):
        follow_up = data.detractors(ds, f)
        if follow_up.is_empty():
            st.info(t("detractors_none"))
        else:
            st.caption(t("detractors_intro", n=f"{follow_up.height:,}"))
            labels = {c: t("col_" + c) for c in follow_up.columns if c != "comment"} | {
                "comment": t("col_comment_masked")}
            layout.table(follow_up, "detractors.csv", labels=labels)
