"""Plotly builders of the personas page: KPI small multiples, each persona's channel mix and the persona map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from i18n import t
from ui import format as number_format
from ui.charts.memo import memoised
from ui.charts.style import ALL_COLOUR, DEFAULT_BAR, HIDDEN_COLOUR, is_low, n_text, standard_layout, wrap
from ui.text import plot

# (column, label key, n column, axis range or None, value format)
PERSONA_PANELS = (
    ("nps", "kpi_nps", "responses", (-100, 100), ".1f"),
    ("csat", "kpi_csat", "ratings", (0, 100), ".1f"),
    ("ces", "kpi_ces", "ces_responses", (1, 7), ".2f"),
    ("journeys", "kpi_journeys", "journeys", None, ",.0f"),
    ("median_hours", "kpi_median_duration", "journeys", None, ".1f"),
    ("handoff_rate", "kpi_handoff_rate", "journeys", (0, 100), ".1f"),
)


@memoised
def persona_multiples(kpis: pl.DataFrame, persona_colours: Mapping[str, str], min_n: int) -> go.Figure:
    """Small multiples: one panel per KPI, one bar per persona in its colour (named in the legend below).

    Takes the persona KPI table (persona, nps, responses, csat, ratings, ces, ces_responses, journeys,
    median_hours, handoff_rate); a bar is hatched when its own n (answers, ratings or journeys) < ``min_n``.
    """
    rows = [r for r in kpis.iter_rows(named=True) if r["persona"] is not None]
    # durations in hours or days, by the median of the bars (ui/format.py), the unit in the panel's title
    unit = number_format.duration_unit(r["median_hours"] for r in rows)
    titles = [t(label) + (t("unit_days_suffix" if unit == "days" else "unit_hours_suffix") if column == "median_hours"
                          else "") for column, label, *_ in PERSONA_PANELS]
    # two columns, not three: panel titles collide on a 390-px phone with three
    fig = make_subplots(rows=3, cols=2, subplot_titles=titles, vertical_spacing=0.11, horizontal_spacing=0.1)
    for i, (column, label, n, value_range, fmt) in enumerate(PERSONA_PANELS):
        row, col = divmod(i, 2)
        for r in rows:
            persona, value = r["persona"], r[column]
            if column == "median_hours":
                value = number_format.in_unit(value, unit)
            colour = persona_colours.get(persona, DEFAULT_BAR)
            fig.add_trace(go.Bar(
                x=[plot(persona)], y=[value], name=plot(persona), legendgroup=plot(persona), showlegend=i == 0,
                text=[number_format.number(value, fmt)], textposition="outside", cliponaxis=False,
                textfont=dict(size=11),
                marker=dict(color=colour, pattern=dict(shape="/" if is_low(r[n], min_n) else "")),
                customdata=[n_text(r[n], min_n)],
                hovertemplate="%{fullData.name}<br>" + t(label) + ": %{y:" + fmt + "}<br>%{customdata}<extra></extra>",
            ), row=row + 1, col=col + 1)
        fig.update_yaxes(range=list(value_range) if value_range else None, row=row + 1, col=col + 1)
    fig.update_xaxes(showticklabels=False, type="category")
    fig.update_annotations(font_size=12)
    fig.update_layout(bargap=0.15)
    return standard_layout(fig, 720)


@memoised
def channel_mix(mix: pl.DataFrame, persona_order: Sequence[str], channel_colours: Mapping[str, str]) -> go.Figure:
    """Each persona's touchpoints by channel as 100% stacked bars (persona, channel, events); the rows ``suppressed``
    (figures.personas.channel_mix: the hidden channels of a persona together) are one grey segment, "Hidden
    channels"."""
    personas = [p for p in persona_order if p in set(mix["persona"].to_list())]
    totals = {r["persona"]: r["events"] for r in mix.group_by("persona").agg(pl.col("events").sum()).iter_rows(
        named=True)}
    hidden = mix.filter(pl.col("suppressed")) if "suppressed" in mix.columns else mix.clear()
    fig = go.Figure()
    segments = [(c, plot(c), channel_colours[c]) for c in channel_colours if c in set(mix["channel"].to_list())]
    if hidden.height:
        segments.append((None, t("suppressed_channels"), HIDDEN_COLOUR))
    for channel, name, colour in segments:
        rows = hidden if channel is None else mix.filter(pl.col("channel") == channel)
        cells = {r["persona"]: r["events"] for r in rows.iter_rows(named=True)}
        fig.add_trace(go.Bar(
            y=[wrap(p, 14) for p in personas], x=[cells.get(p, 0) for p in personas], name=name,
            orientation="h",
            marker=dict(color=colour, pattern=dict(shape="/" if channel is None else "")),
            customdata=[[f"{cells.get(p, 0):,}", f"{totals[p]:,}",
                         100 * cells.get(p, 0) / totals[p] if totals[p] else 0] for p in personas],
            hovertemplate="%{y}<br>%{fullData.name}: %{customdata[2]:.1f}%<br>n=%{customdata[0]} / "
                          "%{customdata[1]}<extra></extra>",
        ))
    fig.update_layout(barmode="stack", barnorm="percent")
    fig.update_xaxes(title_text=t("share_of_touchpoints"), range=[0, 100])
    fig.update_yaxes(type="category", autorange="reversed")
    return standard_layout(fig, max(260, 90 + 70 * len(personas))).update_layout(legend_traceorder="normal")


@memoised
def persona_map(cells: pl.DataFrame, persona_colours: Mapping[str, str]) -> go.Figure:
    """The persona map: one circle per cell (a SOM node, or a grid cell of the principal-component plane) and
    persona, coloured by persona, its area proportional to the customers in it (empty cells not drawn).

    Takes figures.DerivedPersonas.cells (x, y, persona, customers).
    """
    cells = cells.filter(pl.col("customers") > 0)
    biggest = max(int(cells["customers"].max() or 1), 1)
    fig = go.Figure()
    for persona in cells["persona"].unique(maintain_order=True).sort().to_list():
        rows = cells.filter(pl.col("persona") == persona)
        fig.add_trace(go.Scatter(
            x=rows["x"].to_list(), y=rows["y"].to_list(), mode="markers", name=plot(persona),
            marker=dict(color=persona_colours.get(persona, ALL_COLOUR), sizemode="area", sizemin=3,
                        size=rows["customers"].to_list(), sizeref=2.0 * biggest / 34 ** 2,
                        line=dict(width=0.5, color="white")),
            customdata=[f"{n:,}" for n in rows["customers"]],
            hovertemplate="%{fullData.name}<br>%{customdata} " + t("map_customers") + "<extra></extra>",
        ))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    return standard_layout(fig, 520)
