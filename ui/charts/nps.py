"""Plotly builders of the NPS trend (the overview): weekly NPS above the answer mix, its interval band and anomalies."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from i18n import t
from ui.charts.memo import memoised
from ui.charts.style import ALL_COLOUR, HEIGHT, date_ticks, is_low, n_text, standard_layout

NPS_COLOURS = {"promoters": "#1A9850", "passives": "#BDBDBD", "detractors": "#D73027"}
TARGET_COLOUR = "#7F3C8D"


def nps_trend(frame: pl.DataFrame, min_n: int, target: float | None = None) -> go.Figure:
    """Weekly NPS (line, −100…100, top panel) above the weekly answer mix (stacked % bars, 0–100 %, bottom panel).

    Two panels on one time axis, each with its own scale: the NPS is never drawn against the
    percentage axis of the bars. ``target`` draws the NPS target as a dashed line. Takes
    metrics.nps by week.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.06)
    weeks = frame["week"].to_list()
    n = frame["responses"].to_list()
    low = [is_low(v, min_n) for v in n]
    fig.add_trace(go.Scatter(
        x=weeks, y=frame["nps"].to_list(), name="NPS", mode="lines+markers",
        line=dict(color=ALL_COLOUR, width=2.5),
        marker=dict(size=7, color=["white" if lo else ALL_COLOUR for lo in low],
                    line=dict(color=ALL_COLOUR, width=2), symbol="circle"),
        customdata=[n_text(v, min_n) for v in n],
        hovertemplate="%{x|%Y-%m-%d}<br>NPS %{y:.1f}<br>%{customdata}<extra></extra>",
    ), row=1, col=1)
    for key in ("detractors", "passives", "promoters"):
        fig.add_trace(go.Bar(
            x=weeks, y=frame[key].to_list(), name=t(key), marker_color=NPS_COLOURS[key], opacity=0.75,
            customdata=[n_text(v, min_n) for v in n],
            hovertemplate="%{x|%Y-%m-%d}<br>" + t(key) + ": %{y:,}<br>%{customdata}<extra></extra>",
        ), row=2, col=1)
    fig.update_layout(barmode="stack", barnorm="percent", bargap=0.1)
    # NPS keeps its own scale (autorange over the line, its band and the target), never the bars' 0–100 %.
    fig.update_yaxes(title_text="NPS", zeroline=True, row=1, col=1)
    fig.update_yaxes(title_text=t("answers_share"), range=[0, 100], showgrid=False, row=2, col=1)
    fig.update_xaxes(title_text=t("week"), row=2, col=1)
    fig.update_xaxes(tickformatstops=date_ticks())  # both panels share the time axis
    if target is not None:
        fig.add_hline(y=target, line=dict(color=TARGET_COLOUR, dash="dash", width=1.5), row=1, col=1,
                      annotation_text=t("target_line", value=f"{target:g}"), annotation_position="top left",
                      annotation_font=dict(color=TARGET_COLOUR, size=11))
    return standard_layout(fig, height=HEIGHT + 60)


def add_nps_band(fig: go.Figure, trend: pl.DataFrame) -> go.Figure:
    """Add the 95% interval band and the anomaly markers of a metrics.trend NPS table to an ``nps_trend`` figure."""
    periods = trend["period"].to_list()
    fig.add_trace(go.Scatter(x=periods, y=trend["nps_high"].to_list(), mode="lines", line=dict(width=0),
                             hoverinfo="skip", showlegend=False), row=1, col=1)
    fig.add_trace(go.Scatter(x=periods, y=trend["nps_low"].to_list(), mode="lines", line=dict(width=0),
                             fill="tonexty", fillcolor="rgba(34,34,34,0.15)", name=t("ci_band"),
                             hoverinfo="skip"), row=1, col=1)
    anomalies = trend.filter("anomaly")
    if not anomalies.is_empty():
        fig.add_trace(go.Scatter(
            x=anomalies["period"].to_list(), y=anomalies["nps"].to_list(), mode="markers", name=t("anomaly"),
            marker=dict(symbol="diamond", size=14, color="#D73027", line=dict(color="white", width=1)),
            hovertemplate="%{x|%Y-%m-%d}<br>" + t("anomaly") + ": NPS %{y:.1f}<extra></extra>",
        ), row=1, col=1)
    return fig


@memoised
def nps_trend_with_band(frame: pl.DataFrame, min_n: int, target: float | None, trend: pl.DataFrame) -> go.Figure:
    """The overview's chart: ``nps_trend`` with ``add_nps_band`` of ``trend``, kept whole (ui.charts.memo: the band
    is added by subplot row, which a kept figure's dict cannot take)."""
    return add_nps_band(nps_trend(frame, min_n, target), trend)
