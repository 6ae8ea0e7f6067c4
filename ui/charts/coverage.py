"""Plotly builder of a loaded file's date coverage (the Upload page): journeys per week of their first touchpoint."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from i18n import t
from ui.charts.memo import memoised
from ui.charts.style import DEFAULT_BAR, date_ticks, standard_layout

HEIGHT = 220  # a glance under the load's summary, not a page's main chart


@memoised
def journeys_by_week(frame: pl.DataFrame) -> go.Figure:
    """Bars of journeys per week (figures.overview.journeys_by_week: week, journeys) on a time axis, so that a week
    without journeys is a gap and a date read the wrong way round stands apart."""
    fig = go.Figure(go.Bar(
        x=frame["week"].to_list(), y=frame["journeys"].to_list(), marker_color=DEFAULT_BAR, name=t("kpi_journeys"),
        hovertemplate="%{x|%Y-%m-%d}<br>" + t("kpi_journeys") + ": %{y:,}<extra></extra>",
    ))
    fig.update_xaxes(title_text=t("week"), tickformatstops=date_ticks())
    fig.update_yaxes(title_text=t("kpi_journeys"), rangemode="tozero")
    fig.update_layout(showlegend=False, bargap=0.15)
    return standard_layout(fig, height=HEIGHT)
