"""Overview: the KPI cards with previous-period deltas, the weekly NPS trend and the three worst pain points."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import charts, data, layout
from ui.i18n import t

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

ds, f = data.current_dataset(), data.current_filters()
st.title(t("page_overview"))
layout.stop_if_empty(ds, f)

with layout.guard():
    k = data.kpis(ds, f)
    columns = st.columns(3) + st.columns(3)
    for column, (key, label, help_key, fmt, delta_fmt, higher_is_better) in zip(columns, CARDS, strict=True):
        value, change = k["value"][key], k["delta"][key]
        delta = None if change is None else delta_fmt.format(change)
        column.metric(
            t(label), "—" if value is None else fmt.format(value), delta,
            delta_color="normal" if higher_is_better else "inverse",
            help=t(help_key, n=f"{k['nps_responses']:,}"), border=True,
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
        st.plotly_chart(charts.nps_trend(trend, data.min_sample()), width="stretch")
        layout.n_caption(answers=int(trend["responses"].sum()))

with right, layout.guard():
    st.subheader(t("worst_pain_points"))
    worst = data.pain_points(ds, f).head(3)
    if worst.height == 0:
        st.info(t("no_pain_points"))
    for r in worst.iter_rows(named=True):
        st.markdown(t("pain_point_line", touchpoint=r["touchpoint"], events=f"{r['events']:,}",
                      csat=f"{r['csat']:.0f}", score=f"{r['pain_score']:,.0f}"))
    if worst.height:
        st.caption(t("pain_explained"))
        st.page_link(JOURNEY_MAP, label=t("see_journey_map"), icon=":material/route:")
