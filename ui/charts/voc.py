"""Plotly builders of the voice-of-the-customer page: keyword bars, rising keywords and the keyword heatmap."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from i18n import t
from ui import format as number_format
from ui.charts.memo import memoised
from ui.charts.style import DEFAULT_BAR, UNSELECTED, standard_layout, wrap
from ui.text import plot

DETRACTOR_COLOUR, PROMOTER_COLOUR, PREVIOUS_COLOUR = "#D73027", "#1A9850", "#BDBDBD"
VALUE_FONT = 13  # px: keywords and their values, readable on a phone


@memoised
def keyword_bars(frame: pl.DataFrame, value: str, axis_title: str, hover: Sequence[tuple[str, str, str]] = (),
                 colour: str = DEFAULT_BAR, value_format: str = ".1f", low: str | None = None,
                 nps_colour: bool = False) -> go.Figure:
    """One horizontal bar per keyword (in the frame's order, first on top) with its ``value``.

    ``hover``: (column, label, format) lines added to the hover; ``low`` names a boolean column whose true rows
    are hatched (low sample); ``nps_colour`` colours each bar by its ``nps`` column (red −100 … green +100; without
    answers the middle colour, and such a bar is low-sample). Keywords enter through ``ui.text.plot``, hover values through customdata.
    """
    keys = frame["keyword"].to_list()
    values = frame[value].to_list()
    custom = []
    for row in frame.iter_rows(named=True):
        lines = [f"{label}: {'–' if row[col] is None else format(row[col], fmt)}" for col, label, fmt in hover]
        custom.append("<br>".join(plot(line) for line in lines))
    marks = frame[low].to_list() if low else [False] * len(keys)
    fig = go.Figure(go.Bar(
        y=[plot(k) for k in keys], x=values, orientation="h",
        # the value beside its bar at the size of the axis labels: inside, Plotly shrank it to the bar's thickness
        text=[number_format.number(v, value_format) for v in values], textposition="outside", textangle=0,
        textfont=dict(size=VALUE_FONT), constraintext="none",
        marker=dict(color=colour, pattern=dict(shape=["/" if m else "" for m in marks])) if not nps_colour else dict(
            color=[0.0 if v is None else v for v in frame["nps"].to_list()], colorscale="RdYlGn", cmin=-100,
            cmax=100, pattern=dict(shape=["/" if m else "" for m in marks]),
            colorbar=dict(title=dict(text="NPS", side="right"), orientation="h", y=-0.35, yanchor="top",
                          thickness=10)),
        customdata=custom, cliponaxis=False, unselected=UNSELECTED,
        hovertemplate="%{y}<br>" + plot(axis_title) + ": %{x:" + value_format + "}<br>%{customdata}<extra></extra>",
    ))
    fig.update_yaxes(type="category", autorange="reversed", tickangle=0, tickfont=dict(size=VALUE_FONT))
    fig.update_xaxes(title_text=plot(axis_title), zeroline=True, range=_with_room(values))
    return standard_layout(fig, max(220, 70 + 28 * len(keys)))


def _with_room(values: Sequence[float | None]) -> list[float] | None:
    """An x range from 0 (or the lowest value) to the highest with room for the value written beside its bar."""
    shown = [v for v in values if v is not None]
    if not shown:
        return None
    low, high = min(0.0, *shown), max(0.0, *shown)
    room = 0.14 * ((high - low) or 1.0)
    return [low - (room if low < 0 else 0.0), high + room]


@memoised
def rising_bars(frame: pl.DataFrame, previous_label: str, current_label: str) -> go.Figure:
    """Share of comments with each keyword in the previous (grey) and current period, keywords in the frame's order."""
    keys = [plot(k) for k in frame["keyword"].to_list()]
    fig = go.Figure()
    for column, label, colour, n in (("previous", previous_label, PREVIOUS_COLOUR, "previous_comments"),
                                     ("current", current_label, DETRACTOR_COLOUR, "current_comments")):
        fig.add_trace(go.Bar(
            y=keys, x=frame[column].to_list(), orientation="h", name=plot(label), marker=dict(color=colour),
            text=[number_format.number(v, ".1f") for v in frame[column].to_list()], textposition="outside",
            textfont=dict(size=VALUE_FONT), constraintext="none", cliponaxis=False,
            customdata=[f"n={v:,}" for v in frame[n].to_list()],
            hovertemplate="%{y} · %{fullData.name}<br>%{x:.1f} %<br>%{customdata}<extra></extra>",
        ))
    fig.update_yaxes(type="category", autorange="reversed", tickfont=dict(size=VALUE_FONT))
    fig.update_xaxes(title_text=plot(t("voc_share_axis")), range=_with_room(frame["previous"].to_list()
                                                                               + frame["current"].to_list()))
    fig.update_layout(barmode="group", legend=dict(traceorder="normal"))
    return standard_layout(fig, max(240, 90 + 40 * len(keys)))


@memoised
def keyword_heatmap(shares: pl.DataFrame, by: str, keywords: Sequence[str], groups: Sequence[str]) -> go.Figure:
    """Share of each group's comments (column, ``groups`` order) containing each keyword (row, ``keywords`` order)."""
    cells = {(r["keyword"], r[by]): r for r in shares.iter_rows(named=True)}
    z, text, custom = [], [], []
    for k in keywords:
        row = [cells.get((k, g)) for g in groups]
        z.append([c["share"] if c else 0.0 for c in row])
        text.append([f"{c['share']:.0f}" if c else "" for c in row])
        custom.append([f"{c['comments']:,} / {c['group_comments']:,}" if c else "0" for c in row])
    fig = go.Figure(go.Heatmap(
        x=[wrap(g) for g in groups], y=[plot(k) for k in keywords], z=z, text=text, texttemplate="%{text}",
        customdata=custom, colorscale="Blues", zmin=0, xgap=2, ygap=2,
        colorbar=dict(title=dict(text=plot(t("voc_share_axis")), side="right"), orientation="h", y=-0.25,
                      yanchor="top", thickness=12),
        hovertemplate="%{y} · %{x}<br>%{z:.1f} %<br>%{customdata}<extra></extra>",
    ))
    # the tick angle is Plotly's own: level where the names fit (a desktop), turned where they would overlap (a phone)
    fig.update_xaxes(type="category", side="top")
    fig.update_yaxes(type="category", autorange="reversed")
    # the group names sit below the chart's toolbar button, not under it (it covered the last name on a phone)
    return standard_layout(fig, max(280, 90 + 26 * len(keywords)) + 60).update_layout(margin=dict(t=52))
