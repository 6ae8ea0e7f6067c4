"""Plotly builders of the Journeys page: path bars, the path tree, the process map and an episode's timeline.

NPS colours run from red (−100) through yellow to green (+100); a path or edge with fewer NPS answers
than ``min_n`` is drawn hatched (bars) or dotted (edges) and grey, never hidden. Every clickable element
carries its identity in ``customdata[0]`` (path index, edge index) for Streamlit's selection events.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl
from plotly.colors import sample_colorscale

from i18n import t
from ui import format as number_format
from ui.charts.memo import memoised
from ui.charts.style import HEIGHT, UNSELECTED, n_text, standard_layout, wrap
from ui.text import plot

NPS_SCALE = "RdYlGn"
LOW_COLOUR = "#9E9E9E"
NODE_COLOUR = "#3969AC"
RING_NODES = 8  # a circle map of more nodes draws small dots with the names outside


def nps_colour(value: float | None, responses: int, min_n: int) -> str:
    """The colour of an NPS value on the red–green scale; grey without enough answers."""
    if value is None or responses < min_n:
        return LOW_COLOUR
    return sample_colorscale(NPS_SCALE, [(max(-100.0, min(100.0, value)) + 100.0) / 200.0])[0]


def _nps_text(value: float | None) -> str:
    return number_format.number(value, ".1f")


def _hours_text(value: float | None) -> str:
    return "–" if value is None else number_format.duration(value, number_format.duration_words())


def _colourbar_trace() -> go.Scatter:
    # an invisible point whose colour bar explains the NPS colours
    return go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                      marker=dict(colorscale=NPS_SCALE, cmin=-100, cmax=100, color=[0], showscale=True,
                                  colorbar=dict(title=dict(text="NPS", side="right"), orientation="h", yref="container",
                                                y=0.0, yanchor="bottom", thickness=10, len=0.7, x=0.5,
                                                xanchor="center")))


@memoised
def path_bars(paths: pl.DataFrame, min_n: int, top: int = 12) -> go.Figure:
    """The ``top`` most frequent paths (metrics.paths.path_table) as horizontal bars of journeys, coloured by
    their journeys' NPS, most frequent at the top; ``customdata[0]`` is the row index in ``paths``.

    Each path is written above its bar across the whole width (not as a tick label, which took most of a
    phone's width)."""
    rows = paths.head(top).to_dicts()
    ranks = [str(i + 1) for i in range(len(rows))]
    most = max((r["journeys"] for r in rows), default=1)
    fig = go.Figure(go.Bar(
        y=ranks, x=[r["journeys"] for r in rows], orientation="h", showlegend=False, width=0.45,
        marker=dict(color=[nps_colour(r["nps"], r["responses"], min_n) for r in rows],
                    pattern=dict(shape=["/" if r["responses"] < min_n else "" for r in rows])),
        text=[f"{r['share']:.1f}% · NPS {_nps_text(r['nps'])}" for r in rows], textposition="auto",
        cliponaxis=False,
        unselected=UNSELECTED,
        customdata=[[i, n_text(r["responses"], min_n), _hours_text(r["median_journey_hours"]),
                     f"{r['share']:.1f}%", _nps_text(r["nps"]), plot(" → ".join(r["path"]))] for i, r in enumerate(rows)],
        hovertemplate="%{customdata[5]}<br>" + t("col_journeys") + ": %{x:,} (%{customdata[3]})<br>NPS "
                      "%{customdata[4]} · %{customdata[1]}<br>" + _unitless("col_median_journey_hours")
                      + ": %{customdata[2]}<extra></extra>",
    ))
    for i, (rank, r) in enumerate(zip(ranks, rows, strict=True)):
        # y as the category's index: a category named "1" given as y="1" is read as index 1 (the second bar)
        fig.add_annotation(x=0, y=i, xref="x", yref="y", xanchor="left", yanchor="bottom", yshift=9,
                           showarrow=False, align="left", font=dict(size=12, color="#333333"),
                           text=f"{rank}. " + plot(" → ".join(r["path"])))
    fig.add_trace(_colourbar_trace())
    fig.update_yaxes(autorange="reversed", type="category", showticklabels=False)
    fig.update_xaxes(title_text=t("col_journeys"), range=[0, most * 1.3])
    fig.update_layout(clickmode="event+select")
    return standard_layout(fig, 150 + 52 * len(rows)).update_layout(margin=dict(b=64, t=30))


@memoised
def path_tree(tree: pl.DataFrame, min_n: int) -> go.Figure:
    """metrics.paths.path_tree as an icicle, read left to right: each box a path beginning, its height the journeys
    that start that way, its colour their NPS (grey without ``min_n`` answers); a click zooms into a branch."""
    rows = tree.to_dicts()
    fig = go.Figure(go.Icicle(
        ids=[plot(r["id"]) for r in rows], parents=[plot(r["parent"]) for r in rows],
        labels=[plot(r["label"]) for r in rows], values=[r["journeys"] for r in rows], branchvalues="total",
        marker=dict(colors=[nps_colour(r["nps"], r["responses"], min_n) for r in rows],
                    line=dict(color="white", width=1)),
        tiling=dict(orientation="h"), pathbar=dict(visible=False), sort=False, maxdepth=5, textfont=dict(size=13),
        texttemplate="<b>%{label}</b><br>%{customdata[1]} · NPS %{customdata[3]}",
        customdata=[[plot(" → ".join(r["id"].split(chr(31)))), f"{r['journeys']:,}", f"{r['share']:.1f}%",
                     _nps_text(r["nps"]), n_text(r["responses"], min_n), f"{r['ends']:,}"] for r in rows],
        hovertemplate="%{customdata[0]}<br>" + t("col_journeys") + ": %{customdata[1]} (%{customdata[2]})<br>NPS "
                      "%{customdata[3]} · %{customdata[4]}<br>" + t("tree_ends") + ": %{customdata[5]}<extra></extra>",
    ))
    fig.add_trace(_colourbar_trace())
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return standard_layout(fig, HEIGHT + 160).update_layout(margin=dict(b=56), plot_bgcolor="white")


def _positions(nodes: Sequence[str], layout: str) -> dict[str, tuple[float, float]]:
    if layout == "line":  # stages in order, left to right
        return {n: (float(i), 0.0) for i, n in enumerate(nodes)}
    count = max(len(nodes), 1)
    return {n: (math.cos(math.pi / 2 - 2 * math.pi * i / count), math.sin(math.pi / 2 - 2 * math.pi * i / count))
            for i, n in enumerate(nodes)}


def _curve(p0: tuple[float, float], p2: tuple[float, float], bend: float, steps: int = 24
           ) -> tuple[list[float], list[float]]:
    """A quadratic Bézier from p0 to p2 bulging ``bend`` × the distance to the left of the direction of travel
    (so a → b and b → a are two separate arcs)."""
    (x0, y0), (x2, y2) = p0, p2
    dx, dy = x2 - x0, y2 - y0
    cx, cy = (x0 + x2) / 2 - dy * bend, (y0 + y2) / 2 + dx * bend
    ts = [i / steps for i in range(steps + 1)]
    return ([(1 - s) ** 2 * x0 + 2 * (1 - s) * s * cx + s * s * x2 for s in ts],
            [(1 - s) ** 2 * y0 + 2 * (1 - s) * s * cy + s * s * y2 for s in ts])


@memoised
def process_map(edges: pl.DataFrame, nodes: Sequence[str], min_n: int, layout: str = "circle") -> go.Figure:
    """Transitions (metrics.paths.transition_table) between ``nodes`` as arrows: width by count, colour by the NPS
    of the journeys taking them. ``layout`` "line" puts the nodes left to right in the given order (forward
    transitions arc above, backward ones below), "circle" around a circle. A marker in the middle of each
    arrow carries its figures (``customdata[0]`` = row index in ``edges``) and can be clicked."""
    rows = edges.to_dicts()
    used = [n for n in nodes if any(n in (r["from"], r["to"]) for r in rows)]
    pos = _positions(used, layout)
    top = max((r["count"] for r in rows), default=1)
    fig = go.Figure()
    mid_x, mid_y, custom, colours = [], [], [], []
    for i, r in enumerate(rows):
        if r["from"] not in pos or r["to"] not in pos:
            continue
        colour = nps_colour(r["nps"], r["responses"], min_n)
        xs, ys = _curve(pos[r["from"]], pos[r["to"]], 0.5 if layout == "line" else 0.12)
        width = 1.5 + 10.5 * r["count"] / top
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(width=width, color=colour,
                                           dash="dot" if r["responses"] < min_n else "solid")))
        k = int(len(xs) * 0.82)
        fig.add_annotation(x=xs[k + 1], y=ys[k + 1], ax=xs[k - 1], ay=ys[k - 1], xref="x", yref="y", axref="x",
                           ayref="y", showarrow=True, arrowhead=2, arrowsize=1.1, arrowwidth=max(1.5, width / 2.2),
                           arrowcolor=colour, text="")
        mid = len(xs) // 2
        mid_x.append(xs[mid])
        mid_y.append(ys[mid])
        colours.append(colour)
        custom.append([i, plot(r["from"]), plot(r["to"]), f"{r['count']:,}", f"{r['journeys']:,}", _hours_text(r["median_hours"]),
                       _nps_text(r["nps"]), n_text(r["responses"], min_n)])
    fig.add_trace(go.Scatter(
        x=mid_x, y=mid_y, mode="markers", showlegend=False, customdata=custom,
        marker=dict(size=11, color=colours, line=dict(color="white", width=1.5)),
        hovertemplate="%{customdata[1]} → %{customdata[2]}<br>" + t("col_transitions") + ": %{customdata[3]} · "
                      + t("col_journeys") + ": %{customdata[4]}<br>" + _unitless("col_median_hours") + ": %{customdata[5]}<br>"
                      "NPS %{customdata[6]} · %{customdata[7]}<extra></extra>",
    ))
    ring = layout == "circle" and len(used) > RING_NODES  # many nodes: small dots, names outside the circle
    fig.add_trace(go.Scatter(
        x=[pos[n][0] for n in used], y=[pos[n][1] for n in used], mode="markers" if ring else "markers+text",
        showlegend=False,
        # on a line, every other label one line lower, so long stage names do not run into each other
        text=[("<br>" if layout == "line" and i % 2 else "") + wrap(n, 8) for i, n in enumerate(used)],
        textposition="bottom center" if layout == "line" else "middle center",
        textfont=dict(size=12, color="#111111"), customdata=[plot(n) for n in used], hovertemplate="%{customdata}<extra></extra>",
        marker=dict(size=14 if ring else 44 if layout == "circle" else 18, color="#E8EEF7",
                    line=dict(color=NODE_COLOUR, width=2)),
    ))
    if ring:
        fig.add_trace(go.Scatter(
            x=[1.1 * pos[n][0] for n in used], y=[1.1 * pos[n][1] for n in used], mode="text", showlegend=False,
            text=[plot(n) for n in used], hoverinfo="skip", textfont=dict(size=12, color="#111111"),
            textposition=["middle right" if pos[n][0] > 0.15 else "middle left" if pos[n][0] < -0.15
                          else "top center" if pos[n][1] > 0 else "bottom center" for n in used],
        ))
    fig.add_trace(_colourbar_trace())
    pad = 0.35
    if layout == "line":
        # as tall as the arcs drawn (plus room for the labels), so a forward-only process is not a thin line
        ys_drawn = [y for tr in fig.data if tr.mode == "lines" for y in tr.y] or [0.0]
        low, high = min(min(ys_drawn), 0.0), max(max(ys_drawn), 0.0)
        fig.update_xaxes(range=[-0.6, max(len(used) - 1, 0) + 0.6])
        fig.update_yaxes(range=[low - 0.45, high + 0.12])
        height = 220 + int(160 * (high - low))
    elif ring:  # room for the names beside the circle; not held round, so a phone draws a tall oval, not a dot
        fig.update_xaxes(range=[-2.3, 2.3])
        fig.update_yaxes(range=[-1.3, 1.3])
        height = HEIGHT + 260
    else:
        fig.update_xaxes(range=[-1 - 1.6 * pad, 1 + 1.6 * pad])
        fig.update_yaxes(range=[-1 - pad, 1 + pad], scaleanchor="x")
        height = HEIGHT + 80
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(clickmode="event+select", plot_bgcolor="white")
    return standard_layout(fig, height).update_layout(margin=dict(b=56))


@memoised
def episode_timeline(events: pl.DataFrame, stage_order: Sequence[str], channel_colours: Mapping[str, str]
                     ) -> go.Figure:
    """One journey's touchpoints over time (x), by stage (y, in order), coloured by channel, joined in journey order."""
    rows = events.to_dicts()
    fig = go.Figure(go.Scatter(
        x=[r["timestamp"] for r in rows], y=[plot(r["stage"]) for r in rows], mode="lines",
        line=dict(color="#BBBBBB", width=1.5), hoverinfo="skip", showlegend=False))
    for channel in dict.fromkeys(r["channel"] for r in rows):
        part = [r for r in rows if r["channel"] == channel]
        fig.add_trace(go.Scatter(
            x=[r["timestamp"] for r in part], y=[plot(r["stage"]) for r in part], mode="markers", name=plot(channel),
            marker=dict(size=12, color=channel_colours.get(channel, "#777777"), line=dict(color="white", width=1)),
            customdata=[[plot(r["touchpoint"] or "–"), "–" if r["satisfaction"] is None else f"{r['satisfaction']:g}"]
                        for r in part],
            hovertemplate="%{x|%Y-%m-%d %H:%M}<br>%{y} · %{fullData.name}<br>%{customdata[0]}<br>"
                          + t("col_satisfaction") + ": %{customdata[1]}<extra></extra>",
        ))
    present = [s for s in stage_order if s in {r["stage"] for r in rows}]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[plot(s) for s in present],
                     autorange="reversed")
    fig.update_xaxes(title_text=t("time_axis"), tickformat="%m-%d %H:%M")
    return standard_layout(fig, 140 + 40 * len(present))


def _unitless(key: str) -> str:
    """A column label without its hour unit: the hover's value carries its own (hours or days)."""
    return t(key).replace(t("unit_hours_suffix"), "")
