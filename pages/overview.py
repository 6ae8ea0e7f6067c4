"""Overview: the KPI cards with previous-period deltas, the weekly NPS trend and the three worst pain points."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from metrics.pain_points import worst as worst_pain_points
from ui import cards, charts, data, layout, text
from ui.i18n import reason, t

JOURNEY_MAP = Path(__file__).resolve().parent / "journey_map.py"

# (kpi, label key, help key, format, delta format, higher is better)
CARDS = (
    ("nps", "kpi_nps", "help_nps", "{:.1f}", "{:+.1f}", True),
    ("csat", "kpi_csat", "help_csat", "{:.1f}%", "{:+.1f} pp", True),
    ("ces", "kpi_ces", "help_ces", "{:.2f}", "{:+.2f}", True),
    ("journeys", "kpi_journeys", "help_journeys", "{:,}", "{:+,}", True),
    ("median_journey_hours", "kpi_median_duration", "help_median_duration", "{:.1f}", "{:+.1f}", False),
    ("handoff_rate", "kpi_handoff_rate", "help_handoff_rate", "{:.1f}%", "{:+.1f} pp", False),
)


def _with_statistics(key: str, value_text: str, delta: str | None, help_text: str, stats: dict):
    """NPS and CSAT cards: ± the 95% interval's half-width on the value, the delta's test in its tag and help."""
    ci = stats[f"{key}_ci"]
    if ci is not None and value_text != "—":
        value_text += f" ±{(ci[1] - ci[0]) / 2:.1f}"
        help_text += " " + t("help_ci", low=f"{ci[0]:.1f}", high=f"{ci[1]:.1f}")
    test = stats["tests"][key]
    if delta is None:
        return value_text, delta, help_text
    p = "—" if test.p_value is None else f"{test.p_value:.3f}"
    if test.p_value is None:
        tag, note = None, t("delta_untested")
    elif test.small_sample:
        tag = "tag_small_sample"
        note = t("delta_small_sample", p=p, min=data.min_sample(), current=stats["tests"]["answers"][key][0],
                 previous=stats["tests"]["answers"][key][1])
    elif test.significant:
        tag, note = "tag_significant", t("delta_significant", p=p)
    else:
        tag, note = "tag_not_significant", t("delta_not_significant", p=p)
    return value_text, delta + (f" · {t(tag)}" if tag else ""), help_text + " " + note


ds, f = data.current_dataset(), data.current_filters()
st.title(t("page_overview"))
layout.stop_if_empty(ds, f)

with layout.guard():
    k = data.kpis(ds, f)
    stats = data.kpi_statistics(ds, f)
    columns = st.columns(3) + st.columns(3)
    for column, (key, label, help_key, fmt, delta_fmt, higher_is_better) in zip(columns, CARDS, strict=True):
        value, change = k["value"][key], k["delta"][key]
        shown = cards.delta(change, delta_fmt, higher_is_better, compared=k["compared"])
        delta = shown.text
        value_text, help_text = "—" if value is None else fmt.format(value), t(help_key, n=f"{k['nps_responses']:,}")
        if key in ("nps", "csat"):
            value_text, delta, help_text = _with_statistics(key, value_text, delta, help_text, stats)
        column.metric(
            t(label), value_text, delta,
            delta_color=shown.color, delta_arrow=shown.arrow,
            help=help_text, border=True,
        )
    p = k["periods"]
    (cs, cu), (ps, pu) = p["current"], p["previous"]
    caption = "delta_caption_last30" if p["mode"] == "last_days" else "delta_caption_period"
    st.caption(t(caption, days=p["days"], since=cs, until=cu, prev_since=ps, prev_until=pu))

left, right = st.columns([3, 2], gap="large")
with left, layout.guard():
    st.subheader(t("nps_trend"))
    trend = data.nps_by_week(ds, f)
    if trend.height == 0:
        st.info(t("no_answers"))
    else:
        weekly = data.score_trend(ds, f, "week", "nps")
        figure = charts.add_nps_band(charts.nps_trend(trend, data.min_sample()), weekly.table)
        layout.chart(figure)
        layout.n_caption(answers=int(trend["responses"].sum()))
        flagged = int(weekly.table["anomaly"].sum())
        if weekly.anomaly_reason:
            st.caption(t("anomaly_unavailable", reason=reason(weekly.anomaly_reason)))
        else:
            st.caption(t("anomaly_some", n=flagged) if flagged else t("anomaly_none"))

with right, layout.guard():
    st.subheader(t("worst_pain_points"))
    points = data.pain_points(ds, f)
    worst = worst_pain_points(points)
    if points.height == 0:
        st.info(t("no_pain_points"))
    elif worst.height == 0:
        st.info(t("no_pain_below_average", average=f"{points['average_csat'][0]:.0f}"))
    for r in worst.iter_rows(named=True):
        st.markdown(t("pain_point_line", touchpoint=text.md(r["touchpoint"]), events=f"{r['events']:,}",
                      csat=f"{r['csat']:.0f}", score=f"{r['pain_score']:,.0f}"))
    if worst.height:
        st.caption(t("pain_ranked", average=f"{points['average_csat'][0]:.0f}"))
        st.page_link(JOURNEY_MAP, label=t("see_journey_map"), icon=":material/route:")
