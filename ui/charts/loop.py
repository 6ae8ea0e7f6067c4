"""Plotly builder of an action's impact: weekly CSAT of its target and of the rest, the target's 95% band, the launch."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl

from i18n import t
from ui.charts.memo import memoised
from ui.charts.style import ALL_COLOUR, DEFAULT_BAR, date_ticks, is_low, n_text, rgba, standard_layout
from ui.text import plot

LAUNCH_COLOUR = "#7F3C8D"


@memoised
def impact_chart(weekly: pl.DataFrame, launch_date: dt.date, target: str, min_n: int) -> go.Figure:
    """Weekly CSAT % of the action's target (blue, with its 95% band) and of everything else (grey), a dashed line
    at the launch date. Takes figures.loop.ActionImpact.weekly; weeks with fewer than ``min_n`` ratings are hollow."""
    fig = go.Figure()
    groups = (("target", plot(target), DEFAULT_BAR), ("rest", t("loop_chart_rest"), ALL_COLOUR))
    for group, name, colour in groups:
        rows = weekly.filter(pl.col("group") == group).sort("week")
        if group == "target" and rows.height:
            fig.add_trace(go.Scatter(x=rows["week"].to_list(), y=rows["csat_high"].to_list(), mode="lines",
                                     line=dict(width=0), hoverinfo="skip", showlegend=False))
            fig.add_trace(go.Scatter(x=rows["week"].to_list(), y=rows["csat_low"].to_list(), mode="lines",
                                     line=dict(width=0), fill="tonexty", fillcolor=rgba(colour, 0.18),
                                     name=t("loop_chart_band"), hoverinfo="skip"))
        n = rows["ratings"].to_list()
        fig.add_trace(go.Scatter(
            x=rows["week"].to_list(), y=rows["csat"].to_list(), name=name, mode="lines+markers",
            line=dict(color=colour, width=2.5 if group == "target" else 1.5),
            marker=dict(size=6, color=["white" if is_low(v, min_n) else colour for v in n],
                        line=dict(color=colour, width=1.5)),
            customdata=[n_text(v, min_n) for v in n],
            hovertemplate="%{x|%Y-%m-%d}<br>%{fullData.name}: CSAT %{y:.1f}%<br>%{customdata}<extra></extra>"))
    fig.add_vline(x=dt.datetime.combine(launch_date, dt.time()).timestamp() * 1000,
                  line=dict(color=LAUNCH_COLOUR, dash="dash", width=1.5),
                  annotation_text=t("loop_chart_launch", date=launch_date.isoformat()),
                  annotation_position="top left", annotation_font=dict(color=LAUNCH_COLOUR, size=11))
    fig.update_yaxes(title_text=t("loop_chart_csat"), ticksuffix="%")
    fig.update_xaxes(title_text=t("loop_chart_week"), tickformatstops=date_ticks())
    return standard_layout(fig, height=300)
