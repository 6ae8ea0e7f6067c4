"""Plotly figure builders: frames in, figures out, one colour map, n in every hover, low samples marked.

Low-sample groups (fewer answers than ``min_n``) are drawn, never hidden: hollow markers on lines,
hatched bars, and a ``*`` on heatmap cells, with ``(n<min)`` in the hover. Legends sit below the plot
and no figure has a fixed width, so charts read on a 1400-px desktop and on a 390-px phone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from ui.i18n import t

# One palette per kind; a value's colour is fixed by its position among all of the dataset's values
# (never the filtered ones), so a channel or persona has the same colour on every page.
PALETTES = {
    "persona": ["#3969AC", "#E68310", "#11A579", "#7F3C8D", "#E73F74", "#008695", "#80BA5A", "#F2B701",
                "#CF1C90", "#A5AA99"],
    "channel": ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB", "#332288",
                "#882255", "#117733"],
}
ALL_COLOUR = "#222222"
NPS_COLOURS = {"promoters": "#1A9850", "passives": "#BDBDBD", "detractors": "#D73027"}
HEIGHT = 380


def colour_map(values: Mapping[str, Sequence[str]]) -> dict[str, dict[str, str]]:
    """{kind: {value: colour}} for kind persona / channel, from all values of the dataset in sorted order."""
    out = {}
    for kind, palette in PALETTES.items():
        out[kind] = {v: palette[i % len(palette)] for i, v in enumerate(sorted(values.get(kind, ())))}
    return out


def _layout(fig: go.Figure, height: int = HEIGHT) -> go.Figure:
    fig.update_layout(
        height=height, margin=dict(l=8, r=8, t=24, b=8),
        legend=dict(orientation="h", yanchor="top", y=-0.22, xanchor="left", x=0, title_text=""),
        hoverlabel=dict(align="left"), dragmode=False,
    )
    return fig


def _low(n: int | None, min_n: int) -> bool:
    return n is None or n < min_n


def _n_text(n: int | None, min_n: int) -> str:
    n = n or 0
    return f"n={n:,}" + (" " + t("low_sample_tag", min=min_n) if n < min_n else "")


def nps_trend(frame: pl.DataFrame, min_n: int) -> go.Figure:
    """Weekly answer mix (stacked % bars) and NPS (line, right axis). Takes metrics.nps by week."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    weeks = frame["week"].to_list()
    n = frame["responses"].to_list()
    for key in ("detractors", "passives", "promoters"):
        fig.add_trace(go.Bar(
            x=weeks, y=frame[key].to_list(), name=t(key), marker_color=NPS_COLOURS[key], opacity=0.55,
            customdata=[_n_text(v, min_n) for v in n],
            hovertemplate="%{x|%Y-%m-%d}<br>" + t(key) + ": %{y:,}<br>%{customdata}<extra></extra>",
        ), secondary_y=False)
    low = [_low(v, min_n) for v in n]
    fig.add_trace(go.Scatter(
        x=weeks, y=frame["nps"].to_list(), name="NPS", mode="lines+markers",
        line=dict(color=ALL_COLOUR, width=2.5),
        marker=dict(size=8, color=["white" if lo else ALL_COLOUR for lo in low],
                    line=dict(color=ALL_COLOUR, width=2), symbol="circle"),
        customdata=[_n_text(v, min_n) for v in n],
        hovertemplate="%{x|%Y-%m-%d}<br>NPS %{y:.1f}<br>%{customdata}<extra></extra>",
    ), secondary_y=True)
    fig.update_layout(barmode="stack", barnorm="percent", bargap=0.1)
    fig.update_yaxes(title_text=t("answers_share"), range=[0, 100], secondary_y=False, showgrid=False)
    fig.update_yaxes(title_text="NPS", range=[-100, 100], secondary_y=True, zeroline=True)
    fig.update_xaxes(title_text=t("week"))
    return _layout(fig)


def emotion_curve(frame: pl.DataFrame, stage_order: Sequence[str], persona_colours: Mapping[str, str],
                  min_n: int) -> go.Figure:
    """Mean satisfaction per stage, one line per persona plus all journeys (persona null), stages in order."""
    fig = go.Figure()
    groups = [None] + sorted(p for p in frame["persona"].unique().to_list() if p is not None)
    for persona in groups:
        part = frame.filter(pl.col("persona").is_null() if persona is None else pl.col("persona") == persona)
        by_stage = {r["stage"]: r for r in part.iter_rows(named=True)}
        stages = [s for s in stage_order if s in by_stage]
        n = [by_stage[s]["ratings"] for s in stages]
        colour = ALL_COLOUR if persona is None else persona_colours.get(persona, "#777777")
        low = [_low(v, min_n) for v in n]
        name = t("all") if persona is None else persona
        fig.add_trace(go.Scatter(
            x=stages, y=[by_stage[s]["mean_satisfaction"] for s in stages], name=name, mode="lines+markers",
            line=dict(color=colour, width=3.5 if persona is None else 2, dash="dot" if persona is None else "solid"),
            marker=dict(size=9, color=["white" if lo else colour for lo in low], line=dict(color=colour, width=2)),
            customdata=[_n_text(v, min_n) for v in n],
            hovertemplate=name + "<br>%{x}: %{y:.2f}<br>%{customdata}<extra></extra>",
        ))
    fig.update_xaxes(title_text=t("stage_axis"), categoryorder="array", categoryarray=list(stage_order))
    fig.update_yaxes(title_text=t("mean_satisfaction"), range=[1, 5])
    return _layout(fig, HEIGHT + 60)


def funnel(frame: pl.DataFrame, min_n: int) -> go.Figure:
    """% of journeys reaching each stage (bars, stages in order on x) with the drop-off from the previous stage."""
    rows = frame.to_dicts()
    low = [_low(r["journeys"], min_n) for r in rows]
    labels = []
    for r in rows:
        reach = "–" if r["reach_pct"] is None else f"{r['reach_pct']:.0f}%"
        drop = "" if r["drop_off_pct"] is None else f"<br>−{r['drop_off_pct']:.0f}%"
        labels.append(reach + drop)
    fig = go.Figure(go.Bar(
        x=[r["stage"] for r in rows], y=[r["reach_pct"] for r in rows], text=labels, textposition="outside",
        marker=dict(color="#3969AC", pattern=dict(shape=["/" if lo else "" for lo in low])),
        customdata=[[_n_text(r["journeys"], min_n),
                     "–" if r["drop_off_pct"] is None else f"{r['drop_off_pct']:.1f}%"] for r in rows],
        hovertemplate="%{x}<br>" + t("reach_pct") + ": %{y:.1f}%<br>" + t("drop_off")
                      + ": %{customdata[1]}<br>%{customdata[0]}<extra></extra>",
        cliponaxis=False,
    ))
    fig.update_xaxes(title_text=t("stage_axis"), type="category")
    fig.update_yaxes(title_text=t("reach_pct"), range=[0, 118])
    return _layout(fig)


def heatmap(frame: pl.DataFrame, stage_order: Sequence[str], channels: Sequence[str], min_n: int) -> go.Figure:
    """Mean satisfaction per stage (x, in order) × channel (y); ``*`` marks cells with fewer than ``min_n`` ratings."""
    cells = {(r["stage"], r["channel"]): r for r in frame.iter_rows(named=True)}
    stages = [s for s in stage_order if any((s, c) in cells for c in channels)]
    rows = [c for c in channels if any((s, c) in cells for s in stages)]
    z, text, custom = [], [], []
    for c in rows:
        z.append([cells[(s, c)]["mean_satisfaction"] if (s, c) in cells else None for s in stages])
        text.append([
            "" if (s, c) not in cells else f"{cells[(s, c)]['mean_satisfaction']:.1f}"
            + ("*" if _low(cells[(s, c)]["ratings"], min_n) else "") for s in stages])
        custom.append([_n_text(cells[(s, c)]["ratings"] if (s, c) in cells else 0, min_n) for s in stages])
    fig = go.Figure(go.Heatmap(
        x=stages, y=rows, z=z, text=text, texttemplate="%{text}", customdata=custom,
        colorscale="RdYlGn", zmin=1, zmax=5, xgap=2, ygap=2,
        colorbar=dict(title=dict(text=t("mean_satisfaction"), side="right"), orientation="h", y=-0.3,
                      yanchor="top", thickness=12),
        hovertemplate="%{x} · %{y}<br>" + t("mean_satisfaction") + ": %{z:.2f}<br>%{customdata}<extra></extra>",
        hoverongaps=False,
    ))
    fig.update_xaxes(title_text=t("stage_axis"), type="category", side="top")
    fig.update_yaxes(title_text=t("channel_axis"), type="category", autorange="reversed")
    return _layout(fig, max(260, 60 + 42 * len(rows)) + 60)


# --- statistics (issue 5)
QUADRANT_COLOURS = {"fix_first": "#D73027", "keep_up": "#1A9850", "maintain": "#4477AA", "monitor": "#999999"}


def importance_performance(table: pl.DataFrame, quadrant_labels: Mapping[str, str], min_n: int) -> go.Figure:
    """Importance (y) against mean satisfaction (x) per stage, split into quadrants at the averages.

    Takes metrics.drivers' table (stages without an importance are left out); points coloured by
    quadrant, the quadrant names in the corners, n in the hover, low samples hollow.
    """
    frame = table.filter(pl.col("importance").is_not_null()).sort("mean_satisfaction")
    # neighbours along x alternate their labels above and below, so close stages stay readable
    positions = dict(zip(frame["stage"].to_list(), ["top center", "bottom center"] * frame.height, strict=False))
    x_cut, y_cut = frame["mean_satisfaction"].mean(), frame["importance"].mean()
    fig = go.Figure()
    x_lo, x_hi = frame["mean_satisfaction"].min(), frame["mean_satisfaction"].max()
    pad = max((x_hi - x_lo) * 0.15, 0.1)
    y_hi = frame["importance"].max() * 1.12 + 1
    for quadrant, colour in QUADRANT_COLOURS.items():
        part = frame.filter(pl.col("quadrant") == quadrant)
        if part.is_empty():
            continue
        n = part["n"].to_list()
        fig.add_trace(go.Scatter(
            x=part["mean_satisfaction"].to_list(), y=part["importance"].to_list(), mode="markers+text",
            name=quadrant_labels[quadrant], text=part["stage"].to_list(),
            textposition=[positions[s] for s in part["stage"].to_list()],
            marker=dict(size=14, color=["white" if _low(v, min_n) else colour for v in n],
                        line=dict(color=colour, width=2)),
            customdata=[[c, _n_text(v, min_n)] for c, v in zip(part["coefficient"].to_list(), n, strict=True)],
            hovertemplate="%{text}<br>%{y:.1f}% · %{x:.2f}/5<br>%{customdata[0]:+.2f} / pt<br>"
                          "%{customdata[1]}<extra></extra>",
        ))
    fig.add_vline(x=x_cut, line=dict(color="#888888", dash="dot", width=1))
    fig.add_hline(y=y_cut, line=dict(color="#888888", dash="dot", width=1))
    # quadrant names in the outer corners of the upper half and just under the importance cut
    corners = (("fix_first", x_lo - pad, y_hi, "left"), ("keep_up", x_hi + pad, y_hi, "right"),
               ("monitor", x_lo - pad, y_cut, "left"), ("maintain", x_hi + pad, y_cut, "right"))
    for quadrant, x, y, align in corners:
        fig.add_annotation(x=x, y=y, text=quadrant_labels[quadrant], showarrow=False, xanchor=align,
                           yanchor="top", yshift=-2, font=dict(color=QUADRANT_COLOURS[quadrant], size=12))
    fig.update_xaxes(title_text=t("ipm_x"), range=[x_lo - pad * 1.2, x_hi + pad * 1.2])
    fig.update_yaxes(title_text=t("ipm_y"), range=[-(0.1 * y_hi + 3), y_hi + 2])  # room for labels below
    return _layout(fig, height=440)


def add_nps_band(fig: go.Figure, trend: pl.DataFrame) -> go.Figure:
    """Add the 95% interval band and the anomaly markers of a metrics.trend NPS table to an ``nps_trend`` figure."""
    periods = trend["period"].to_list()
    fig.add_trace(go.Scatter(x=periods, y=trend["nps_high"].to_list(), mode="lines", line=dict(width=0),
                             hoverinfo="skip", showlegend=False), secondary_y=True)
    fig.add_trace(go.Scatter(x=periods, y=trend["nps_low"].to_list(), mode="lines", line=dict(width=0),
                             fill="tonexty", fillcolor="rgba(34,34,34,0.15)", name=t("ci_band"),
                             hoverinfo="skip"), secondary_y=True)
    anomalies = trend.filter("anomaly")
    if not anomalies.is_empty():
        fig.add_trace(go.Scatter(
            x=anomalies["period"].to_list(), y=anomalies["nps"].to_list(), mode="markers", name=t("anomaly"),
            marker=dict(symbol="diamond", size=14, color="#D73027", line=dict(color="white", width=1)),
            hovertemplate="%{x|%Y-%m-%d}<br>" + t("anomaly") + ": NPS %{y:.1f}<extra></extra>",
        ), secondary_y=True)
    return fig

