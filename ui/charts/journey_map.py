"""Plotly builders of the journey map: the emotion curve, the stage funnel and the stage × channel heatmap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from i18n import t
from ui import format as number_format
from ui.charts.memo import memoised
from ui.charts.style import ALL_COLOUR, DEFAULT_BAR, HEIGHT, click_layer, is_low, n_text, standard_layout, wrap
from ui.text import plot

REFERENCE_COLOUR = "#9A9A9A"  # all journeys behind each persona's panel
OPTIONAL_BAR = "#B8C7DD"  # a stage journeys may pass by: paler than a funnel step


@memoised
def emotion_curve(frame: pl.DataFrame, stage_order: Sequence[str], persona_colours: Mapping[str, str],
                  min_n: int) -> go.Figure:
    """Mean satisfaction per stage, stages in order: all journeys (persona null) and each persona.

    With more than one persona, small multiples: one panel per persona (two per row, so they read on a phone),
    each with all journeys as a dotted grey reference line, instead of every curve on top of each other.
    """
    personas = sorted(p for p in frame["persona"].unique().to_list() if p is not None)
    stage_axis = dict(categoryorder="array", categoryarray=[plot(s) for s in stage_order], type="category")
    if len(personas) <= 1:
        fig = go.Figure()
        for persona in [None, *personas]:
            fig.add_trace(_curve(frame, persona, stage_order, persona_colours, min_n))
        fig.update_xaxes(title_text=t("stage_axis"), **stage_axis)
        fig.update_yaxes(title_text=t("mean_satisfaction"), range=[1, 5])
        return standard_layout(fig, HEIGHT + 60)
    columns = 2
    rows = -(-len(personas) // columns)
    fig = make_subplots(rows=rows, cols=columns, shared_yaxes=True, shared_xaxes=True,
                        subplot_titles=[wrap(p, 14) for p in personas], vertical_spacing=0.5 / rows / 2 + 0.06,
                        horizontal_spacing=0.06)
    overall = {r["stage"]: r["mean_satisfaction"] for r in frame.filter(pl.col("persona").is_null()).iter_rows(named=True)}
    for i, persona in enumerate(personas):
        row, col = divmod(i, columns)
        reference = _curve(frame, None, stage_order, persona_colours, min_n, reference=True)
        reference.update(showlegend=i == 0, legendgroup="all")
        fig.add_trace(reference, row=row + 1, col=col + 1)
        own = _curve(frame, persona, stage_order, persona_colours, min_n, against=overall)
        own.update(showlegend=False)
        fig.add_trace(own, row=row + 1, col=col + 1)
    fig.update_xaxes(tickangle=-45, tickfont=dict(size=10), **stage_axis)
    fig.update_yaxes(range=[1, 5], dtick=1)
    fig.update_yaxes(title_text=t("mean_satisfaction"), col=1)
    fig.update_annotations(font_size=12)
    # room above the first row for two-line (wrapped) persona names
    return standard_layout(fig, 110 + 210 * rows).update_layout(margin=dict(t=56))


def _curve(frame: pl.DataFrame, persona: str | None, stage_order: Sequence[str], persona_colours: Mapping[str, str],
           min_n: int, reference: bool = False, against: Mapping[str, float | None] | None = None) -> go.Scatter:
    """One emotion curve: ``persona``'s (None: all journeys), hollow markers for low samples; with ``against``
    (all journeys' mean per stage) the hover also gives the difference from it."""
    part = frame.filter(pl.col("persona").is_null() if persona is None else pl.col("persona") == persona)
    by_stage = {r["stage"]: r for r in part.iter_rows(named=True)}
    stages = [s for s in stage_order if s in by_stage]
    n = [by_stage[s]["ratings"] for s in stages]
    colour = (REFERENCE_COLOUR if reference else ALL_COLOUR) if persona is None else persona_colours.get(persona, "#777777")
    low = [is_low(v, min_n) for v in n]
    return go.Scatter(
        x=[plot(s) for s in stages], y=[by_stage[s]["mean_satisfaction"] for s in stages],
        name=t("all") if persona is None else plot(persona), mode="lines+markers",
        line=dict(color=colour, width=2 if reference else 3.5 if persona is None else 2.5,
                  dash="dot" if persona is None else "solid"),
        marker=dict(size=6 if reference else 9, color=["white" if lo else colour for lo in low],
                    line=dict(color=colour, width=2)),
        customdata=[n_text(v, min_n) + _versus(by_stage[s]["mean_satisfaction"], (against or {}).get(s))
                    for s, v in zip(stages, n, strict=True)],
        hovertemplate="%{fullData.name}<br>%{x}: %{y:.2f}<br>%{customdata}<extra></extra>",
    )


def _versus(value: float | None, overall: float | None) -> str:
    if value is None or overall is None:
        return ""
    return "<br>" + t("vs_all", diff=number_format.signed(value - overall, 2))


@memoised
def funnel(frame: pl.DataFrame, min_n: int, min_group: int | None = None) -> go.Figure:
    """% of journeys reaching each stage (bars, stages in order on x) with the drop-off from the previous step.

    Takes metrics.funnel: an optional stage (one a later stage out-reaches) is drawn pale and labelled
    optional, without a drop-off; the drop-offs are between the steps, so they are never a gain. A stage hidden
    as too small (``suppressed``, figures.journey_map.funnel) has no bar and says "fewer than ``min_group``".
    """
    rows = frame.to_dicts()
    low = [is_low(r["journeys"], min_n) for r in rows]
    optional = [bool(r.get("optional")) for r in rows]
    labels = []
    for r, skip in zip(rows, optional, strict=True):
        if r.get("suppressed"):
            labels.append(t("suppressed_fewer", n=min_group or 0))
            continue
        reach = "–" if r["reach_pct"] is None else f"{r['reach_pct']:.0f}%"
        d = r["drop_off_pct"]
        drop = f"<br>({t('funnel_optional')})" if skip else "" if d is None else "<br>" + number_format.signed(-d, 0, "%")
        labels.append(reach + drop)
    fig = go.Figure(go.Bar(
        x=[plot(r["stage"]) for r in rows], y=[r["reach_pct"] for r in rows], text=labels, textposition="outside",
        marker=dict(color=[OPTIONAL_BAR if skip else DEFAULT_BAR for skip in optional],
                    pattern=dict(shape=["/" if lo else "" for lo in low])),
        customdata=[[t("suppressed_fewer", n=min_group or 0) if r.get("suppressed") else n_text(r["journeys"], min_n),
                     t("funnel_optional") if skip else "–" if r["drop_off_pct"] is None
                     else f"{r['drop_off_pct']:.1f}%"] for r, skip in zip(rows, optional, strict=True)],
        hovertemplate="%{x}<br>" + t("reach_pct") + ": %{y:.1f}%<br>" + t("drop_off")
                      + ": %{customdata[1]}<br>%{customdata[0]}<extra></extra>",
        cliponaxis=False,
    ))
    fig.update_xaxes(title_text=t("stage_axis"), type="category")
    fig.update_yaxes(title_text=t("reach_pct"), range=[0, 118])
    return standard_layout(fig)


@memoised
def heatmap(frame: pl.DataFrame, stage_order: Sequence[str], channels: Sequence[str], min_n: int,
            min_group: int | None = None) -> go.Figure:
    """Mean satisfaction per stage (x, in order) × channel (y); ``*`` marks cells with fewer than ``min_n`` ratings.
    A cell hidden as too small (``suppressed``) is blank with "<5" in it and "fewer than 5" on hover.

    A click on a cell selects its stage and channel (``customdata`` [stage, channel], ``_click_layer``)."""
    cells = {(r["stage"], r["channel"]): r for r in frame.iter_rows(named=True)}
    hidden = {key for key, r in cells.items() if r.get("suppressed")}
    stages = [s for s in stage_order if any((s, c) in cells for c in channels)]
    rows = [c for c in channels if any((s, c) in cells for s in stages)]
    z, text = [], []
    for c in rows:
        z.append([cells[(s, c)]["mean_satisfaction"] if (s, c) in cells else None for s in stages])
        text.append([
            "" if (s, c) not in cells else t("suppressed_short", n=min_group or 0) if (s, c) in hidden
            else f"{cells[(s, c)]['mean_satisfaction']:.1f}" + ("*" if is_low(cells[(s, c)]["ratings"], min_n) else "")
            for s in stages])
    fig = go.Figure(go.Heatmap(
        x=[plot(s) for s in stages], y=[plot(c) for c in rows], z=z, text=text, texttemplate="%{text}",
        colorscale="RdYlGn", zmin=1, zmax=5, xgap=2, ygap=2,
        colorbar=dict(title=dict(text=t("mean_satisfaction"), side="right"), orientation="h", y=-0.3,
                      yanchor="top", thickness=12),
        hoverongaps=False,
    ))
    click_layer(fig, [
        (plot(s), plot(c), (plot(s), plot(c)),
         ["–", t("suppressed_fewer", n=min_group or 0)] if (s, c) in hidden
         else [f"{cells[(s, c)]['mean_satisfaction']:.2f}", n_text(cells[(s, c)]["ratings"], min_n)])
        if (s, c) in cells else (plot(s), plot(c), ("", ""), None)
        for c in rows for s in stages
    ], "%{x} · %{y}<br>" + t("mean_satisfaction") + ": %{customdata[2]}<br>%{customdata[3]}<extra></extra>")
    fig.update_xaxes(title_text=t("stage_axis"), type="category", side="top")
    fig.update_yaxes(title_text=t("channel_axis"), type="category", autorange="reversed")
    return standard_layout(fig, max(260, 60 + 42 * len(rows)) + 60)
