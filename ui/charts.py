"""Plotly figure builders: frames in, figures out, one colour map, n in every hover, low samples marked.

Every data value (stage, channel, persona) enters a figure through ``ui.text.plot`` (Plotly draws a
subset of HTML, links included, in labels, ticks, legends and hovers) and never as part of a hover
template: a trace's name is read there as ``%{fullData.name}``, other values through ``customdata``.

Low-sample groups (fewer answers than ``min_n``) are drawn, never hidden: hollow markers on lines,
hatched bars, and a ``*`` on heatmap cells, with ``(n<min)`` in the hover. Legends sit below the plot
and no figure has a fixed width, so charts read on a 1400-px desktop and on a 390-px phone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from ui import format as number_format
from ui.i18n import t
from ui.text import plot

# One palette per kind; a value's colour is fixed by its position among all of the dataset's values
# (never the filtered ones), so a channel or persona has the same colour on every page.
PALETTES = {
    "persona": ["#3969AC", "#E68310", "#11A579", "#7F3C8D", "#E73F74", "#008695", "#80BA5A", "#F2B701",
                "#CF1C90", "#A5AA99"],
    "channel": ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB", "#332288",
                "#882255", "#117733"],
}
ALL_COLOUR = "#222222"
REFERENCE_COLOUR = "#9A9A9A"  # all journeys behind each persona's panel
NPS_COLOURS = {"promoters": "#1A9850", "passives": "#BDBDBD", "detractors": "#D73027"}
TARGET_COLOUR = "#7F3C8D"
OPTIONAL_BAR = "#B8C7DD"  # a stage journeys may pass by: paler than a funnel step
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
        # The legend sits at the bottom of the figure (container), below the x-axis title: placed under
        # the plot area instead, it covered the axis title on a phone, where tick labels turn sideways.
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0, title_text=""),
        hoverlabel=dict(align="left"), dragmode=False,
    )
    return fig


def _low(n: int | None, min_n: int) -> bool:
    return n is None or n < min_n


def _n_text(n: int | None, min_n: int) -> str:
    n = n or 0
    return f"n={n:,}" + (" " + t("low_sample_tag", min=min_n) if n < min_n else "")


def nps_trend(frame: pl.DataFrame, min_n: int, target: float | None = None) -> go.Figure:
    """Weekly NPS (line, −100…100, top panel) above the weekly answer mix (stacked % bars, 0–100 %, bottom panel).

    Two panels on one time axis, each with its own scale: the NPS is never drawn against the
    percentage axis of the bars. ``target`` draws the NPS target as a dashed line. Takes
    metrics.nps by week.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.06)
    weeks = frame["week"].to_list()
    n = frame["responses"].to_list()
    low = [_low(v, min_n) for v in n]
    fig.add_trace(go.Scatter(
        x=weeks, y=frame["nps"].to_list(), name="NPS", mode="lines+markers",
        line=dict(color=ALL_COLOUR, width=2.5),
        marker=dict(size=7, color=["white" if lo else ALL_COLOUR for lo in low],
                    line=dict(color=ALL_COLOUR, width=2), symbol="circle"),
        customdata=[_n_text(v, min_n) for v in n],
        hovertemplate="%{x|%Y-%m-%d}<br>NPS %{y:.1f}<br>%{customdata}<extra></extra>",
    ), row=1, col=1)
    for key in ("detractors", "passives", "promoters"):
        fig.add_trace(go.Bar(
            x=weeks, y=frame[key].to_list(), name=t(key), marker_color=NPS_COLOURS[key], opacity=0.75,
            customdata=[_n_text(v, min_n) for v in n],
            hovertemplate="%{x|%Y-%m-%d}<br>" + t(key) + ": %{y:,}<br>%{customdata}<extra></extra>",
        ), row=2, col=1)
    fig.update_layout(barmode="stack", barnorm="percent", bargap=0.1)
    # NPS keeps its own scale (autorange over the line, its band and the target), never the bars' 0–100 %.
    fig.update_yaxes(title_text="NPS", zeroline=True, row=1, col=1)
    fig.update_yaxes(title_text=t("answers_share"), range=[0, 100], showgrid=False, row=2, col=1)
    fig.update_xaxes(title_text=t("week"), row=2, col=1)
    if target is not None:
        fig.add_hline(y=target, line=dict(color=TARGET_COLOUR, dash="dash", width=1.5), row=1, col=1,
                      annotation_text=t("target_line", value=f"{target:g}"), annotation_position="top left",
                      annotation_font=dict(color=TARGET_COLOUR, size=11))
    return _layout(fig, height=HEIGHT + 60)


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
        return _layout(fig, HEIGHT + 60)
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
    return _layout(fig, 110 + 210 * rows).update_layout(margin=dict(t=56))


def _curve(frame: pl.DataFrame, persona: str | None, stage_order: Sequence[str], persona_colours: Mapping[str, str],
           min_n: int, reference: bool = False, against: Mapping[str, float | None] | None = None) -> go.Scatter:
    """One emotion curve: ``persona``'s (None: all journeys), hollow markers for low samples; with ``against``
    (all journeys' mean per stage) the hover also gives the difference from it."""
    part = frame.filter(pl.col("persona").is_null() if persona is None else pl.col("persona") == persona)
    by_stage = {r["stage"]: r for r in part.iter_rows(named=True)}
    stages = [s for s in stage_order if s in by_stage]
    n = [by_stage[s]["ratings"] for s in stages]
    colour = (REFERENCE_COLOUR if reference else ALL_COLOUR) if persona is None else persona_colours.get(persona, "#777777")
    low = [_low(v, min_n) for v in n]
    return go.Scatter(
        x=[plot(s) for s in stages], y=[by_stage[s]["mean_satisfaction"] for s in stages],
        name=t("all") if persona is None else plot(persona), mode="lines+markers",
        line=dict(color=colour, width=2 if reference else 3.5 if persona is None else 2.5,
                  dash="dot" if persona is None else "solid"),
        marker=dict(size=6 if reference else 9, color=["white" if lo else colour for lo in low],
                    line=dict(color=colour, width=2)),
        customdata=[_n_text(v, min_n) + _versus(by_stage[s]["mean_satisfaction"], (against or {}).get(s))
                    for s, v in zip(stages, n, strict=True)],
        hovertemplate="%{fullData.name}<br>%{x}: %{y:.2f}<br>%{customdata}<extra></extra>",
    )


def _versus(value: float | None, overall: float | None) -> str:
    if value is None or overall is None:
        return ""
    return "<br>" + t("vs_all", diff=number_format.signed(value - overall, 2))


def funnel(frame: pl.DataFrame, min_n: int) -> go.Figure:
    """% of journeys reaching each stage (bars, stages in order on x) with the drop-off from the previous step.

    Takes metrics.funnel: an optional stage (one a later stage out-reaches) is drawn pale and labelled
    optional, without a drop-off; the drop-offs are between the steps, so they are never a gain.
    """
    rows = frame.to_dicts()
    low = [_low(r["journeys"], min_n) for r in rows]
    optional = [bool(r.get("optional")) for r in rows]
    labels = []
    for r, skip in zip(rows, optional, strict=True):
        reach = "–" if r["reach_pct"] is None else f"{r['reach_pct']:.0f}%"
        d = r["drop_off_pct"]
        drop = f"<br>({t('funnel_optional')})" if skip else "" if d is None else "<br>" + number_format.signed(-d, 0, "%")
        labels.append(reach + drop)
    fig = go.Figure(go.Bar(
        x=[plot(r["stage"]) for r in rows], y=[r["reach_pct"] for r in rows], text=labels, textposition="outside",
        marker=dict(color=[OPTIONAL_BAR if skip else DEFAULT_BAR for skip in optional],
                    pattern=dict(shape=["/" if lo else "" for lo in low])),
        customdata=[[_n_text(r["journeys"], min_n),
                     t("funnel_optional") if skip else "–" if r["drop_off_pct"] is None
                     else f"{r['drop_off_pct']:.1f}%"] for r, skip in zip(rows, optional, strict=True)],
        hovertemplate="%{x}<br>" + t("reach_pct") + ": %{y:.1f}%<br>" + t("drop_off")
                      + ": %{customdata[1]}<br>%{customdata[0]}<extra></extra>",
        cliponaxis=False,
    ))
    fig.update_xaxes(title_text=t("stage_axis"), type="category")
    fig.update_yaxes(title_text=t("reach_pct"), range=[0, 118])
    return _layout(fig)


def _click_layer(fig: go.Figure, cells: Sequence[tuple[str, str, tuple[str, str], list[str] | None]],
                hover: str) -> go.Figure:
    """Make a heatmap's cells clickable: an invisible marker over every cell, one per (x label, y label, (row value,
    column value), hover values), which Streamlit's point selection reports (a Plotly heatmap reports none).

    The markers carry the cells' hover text (``hover``: a hovertemplate over %{x}, %{y} and %{customdata[2]}…, the
    hover values; the heatmap's own hover is switched off) and ``customdata`` = [row value, column value, *hover
    values] for ``ui.drill`` (the values as label text, ``ui.text.plot``: no data value reaches a figure raw). Values ("", "") make a cell inert; hover values None give it no hover (a blank cell).
    Every point of the plot area belongs to its nearest marker (``hoverdistance=-1``), so a click anywhere in a cell
    selects it, and every cell, blank ones too, needs its marker (or it would show its neighbour's hover).
    """
    fig.update_traces(hoverinfo="skip", hovertemplate=None, selector=dict(type="heatmap"))
    invisible = dict(mode="markers", showlegend=False, marker=dict(size=24, opacity=0, symbol="square"),
                     selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0)))
    shown = [c for c in cells if c[3] is not None]
    fig.add_trace(go.Scatter(x=[c[0] for c in shown], y=[c[1] for c in shown],
                             customdata=[[*c[2], *c[3]] for c in shown], hovertemplate=hover, **invisible))
    blank = [c for c in cells if c[3] is None]
    if blank:  # nearest to a blank cell's inside: a marker without values or hover text
        fig.add_trace(go.Scatter(x=[c[0] for c in blank], y=[c[1] for c in blank], hovertemplate="<extra></extra>",
                                 **invisible))
    fig.update_layout(hoverdistance=-1, hovermode="closest")
    return fig


def heatmap(frame: pl.DataFrame, stage_order: Sequence[str], channels: Sequence[str], min_n: int) -> go.Figure:
    """Mean satisfaction per stage (x, in order) × channel (y); ``*`` marks cells with fewer than ``min_n`` ratings.

    A click on a cell selects its stage and channel (``customdata`` [stage, channel], ``_click_layer``)."""
    cells = {(r["stage"], r["channel"]): r for r in frame.iter_rows(named=True)}
    stages = [s for s in stage_order if any((s, c) in cells for c in channels)]
    rows = [c for c in channels if any((s, c) in cells for s in stages)]
    z, text = [], []
    for c in rows:
        z.append([cells[(s, c)]["mean_satisfaction"] if (s, c) in cells else None for s in stages])
        text.append([
            "" if (s, c) not in cells else f"{cells[(s, c)]['mean_satisfaction']:.1f}"
            + ("*" if _low(cells[(s, c)]["ratings"], min_n) else "") for s in stages])
    fig = go.Figure(go.Heatmap(
        x=[plot(s) for s in stages], y=[plot(c) for c in rows], z=z, text=text, texttemplate="%{text}",
        colorscale="RdYlGn", zmin=1, zmax=5, xgap=2, ygap=2,
        colorbar=dict(title=dict(text=t("mean_satisfaction"), side="right"), orientation="h", y=-0.3,
                      yanchor="top", thickness=12),
        hoverongaps=False,
    ))
    _click_layer(fig, [
        (plot(s), plot(c), (plot(s), plot(c)),
         [f"{cells[(s, c)]['mean_satisfaction']:.2f}", _n_text(cells[(s, c)]["ratings"], min_n)])
        if (s, c) in cells else (plot(s), plot(c), ("", ""), None)
        for c in rows for s in stages
    ], "%{x} · %{y}<br>" + t("mean_satisfaction") + ": %{customdata[2]}<br>%{customdata[3]}<extra></extra>")
    fig.update_xaxes(title_text=t("stage_axis"), type="category", side="top")
    fig.update_yaxes(title_text=t("channel_axis"), type="category", autorange="reversed")
    return _layout(fig, max(260, 60 + 42 * len(rows)) + 60)


# --- statistics (issue 5)
QUADRANT_COLOURS = {"fix_first": "#D73027", "keep_up": "#1A9850", "maintain": "#4477AA", "monitor": "#999999"}
NOT_SIGNIFICANT_COLOUR = "#B0B0B0"
SIGNIFICANCE = 0.05


def importance_performance(table: pl.DataFrame, quadrant_labels: Mapping[str, str], min_n: int) -> go.Figure:
    """Importance (y) against mean satisfaction (x) per stage, split into quadrants at the averages.

    Takes metrics.drivers' table (stages without an importance are left out); points coloured by
    quadrant, the quadrant names in the corners, n in the hover, low samples hollow; ``customdata[0]`` is the stage
    (as label text).
    """
    frame = table.filter(pl.col("importance").is_not_null()).sort("mean_satisfaction")
    # neighbours along x alternate their labels above and below, so close stages stay readable
    positions = dict(zip(frame["stage"].to_list(), ["top center", "bottom center"] * frame.height, strict=False))
    x_cut, y_cut = frame["mean_satisfaction"].mean(), frame["importance"].mean()
    fig = go.Figure()
    x_lo, x_hi = frame["mean_satisfaction"].min(), frame["mean_satisfaction"].max()
    pad = max((x_hi - x_lo) * 0.15, 0.1)
    y_hi = frame["importance"].max() * 1.12 + 1
    # A stage whose effect is not significant gets no quadrant colour (its place in the matrix is noise): grey.
    if "p_value" not in frame.columns:  # a table without tests: nothing to mark
        frame = frame.with_columns(p_value=pl.lit(0.0))
    significant = pl.col("p_value").is_not_null() & (pl.col("p_value") < SIGNIFICANCE)
    groups = [(q, c, quadrant_labels[q], (pl.col("quadrant") == q) & significant) for q, c in QUADRANT_COLOURS.items()]
    groups.append((None, NOT_SIGNIFICANT_COLOUR, t("driver_not_significant"), ~significant))
    for _quadrant, colour, name, selected in groups:
        part = frame.filter(selected)
        if part.is_empty():
            continue
        n = part["n"].to_list()
        fig.add_trace(go.Scatter(
            x=part["mean_satisfaction"].to_list(), y=part["importance"].to_list(), mode="markers+text",
            name=name, text=[plot(s) for s in part["stage"].to_list()],
            textposition=[positions[s] for s in part["stage"].to_list()],
            marker=dict(size=14, color=["white" if _low(v, min_n) else colour for v in n],
                        line=dict(color=colour, width=2), symbol="circle" if _quadrant else "circle-open-dot"),
            # the stage first: a click on a driver filters to it (ui.drill.filter_on_cell)
            customdata=[[plot(s), c, _n_text(v, min_n), number_format.p_value(p)]
                        for s, c, v, p in zip(part["stage"].to_list(), part["coefficient"].to_list(), n,
                                              part["p_value"].to_list(), strict=True)],
            hovertemplate="%{text}<br>%{y:.1f}% · %{x:.2f}/5<br>%{customdata[1]:+.2f} / pt · p %{customdata[3]}<br>"
                          "%{customdata[2]}<extra></extra>",
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


# --- channels & handoffs, journey duration, personas (issue 3)
DEFAULT_BAR = "#3969AC"
MIN_HOURS = 1 / 60  # log axes cannot show 0 h: shorter spans are drawn at one minute (the hover has the value)


def wrap(label: str, width: int = 10) -> str:
    """A long category label broken at spaces into lines of about ``width`` characters (for narrow screens),
    as Plotly text (each line through ``ui.text.plot``, joined by ``<br>``)."""
    lines: list[str] = []
    for word in str(label).split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(plot(line) for line in lines)


def sankey(transitions: pl.DataFrame, channel_colours: Mapping[str, str]) -> go.Figure:
    """Channel handoffs as flows from the channel handed off from (left) to the channel handed to (right).

    Takes store.queries.transitions (from_channel, to_channel, count); a channel appears once on each side,
    so A→B and B→A are two separate flows and there are no cycles. Bigger channels sit higher.
    """
    left = (transitions.group_by("from_channel").agg(pl.col("count").sum())
            .sort(["count", "from_channel"], descending=[True, False]))
    right = (transitions.group_by("to_channel").agg(pl.col("count").sum())
             .sort(["count", "to_channel"], descending=[True, False]))
    total = int(transitions["count"].sum())

    def column(frame: pl.DataFrame) -> list[float]:
        # node centres in proportion to their size, so nodes do not overlap (with a small gap each)
        sizes = frame["count"].to_list()
        gap = 0.02
        scale = (1 - gap * max(len(sizes) - 1, 0)) / max(total, 1)
        ys, top = [], 0.0
        for size in sizes:
            ys.append(min(max(top + size * scale / 2, 0.001), 0.999))
            top += size * scale + gap
        return ys

    names = left["from_channel"].to_list() + right["to_channel"].to_list()
    sides = [t("handoff_from")] * left.height + [t("handoff_to")] * right.height
    index_left = {c: i for i, c in enumerate(left["from_channel"].to_list())}
    index_right = {c: left.height + i for i, c in enumerate(right["to_channel"].to_list())}
    rows = transitions.to_dicts()
    fig = go.Figure(go.Sankey(
        arrangement="fixed", textfont=dict(shadow="auto"),  # a halo: labels sit on the coloured flows
        node=dict(
            label=[plot(c) for c in names], pad=10, thickness=14, line=dict(width=0),
            color=[channel_colours.get(c, "#777777") for c in names],
            x=[0.001] * left.height + [0.999] * right.height, y=column(left) + column(right),
            customdata=[[side, f"{n:,}"] for side, n in zip(sides, left["count"].to_list() + right["count"].to_list(),
                                                             strict=True)],
            hovertemplate="%{customdata[0]}: %{label}<br>" + t("handoffs_word") + ": %{customdata[1]}<extra></extra>",
        ),
        link=dict(
            source=[index_left[r["from_channel"]] for r in rows], target=[index_right[r["to_channel"]] for r in rows],
            value=[r["count"] for r in rows],
            color=[_rgba(channel_colours.get(r["from_channel"], "#777777"), 0.35) for r in rows],
            customdata=[f"{r['count']:,}" for r in rows],
            hovertemplate="%{source.label} → %{target.label}<br>" + t("handoffs_word")
                          + ": n=%{customdata}<extra></extra>",
        ),
    ))
    for x, anchor, key in ((0, "left", "handoff_from"), (1, "right", "handoff_to")):
        fig.add_annotation(x=x, y=1.0, xref="paper", yref="paper", text=f"<b>{t(key)}</b>", showarrow=False,
                           xanchor=anchor, yanchor="bottom", font=dict(size=12))
    return _layout(fig, HEIGHT + 40)


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def handoff_heatmap(matrix: pl.DataFrame) -> go.Figure:
    """Handoff counts from channel (rows) to channel (columns); takes metrics.handoffs.handoff_matrix.

    The diagonal is blank: a handoff always changes channel. A click on a cell with handoffs selects its from and
    to channels (``customdata`` [from, to], ``_click_layer``).
    """
    rows = matrix["from_channel"].to_list()
    columns = [c for c in matrix.columns if c != "from_channel"]
    z = [[None if r == c else matrix[c][i] for c in columns] for i, r in enumerate(rows)]
    text = [["" if v is None else f"{v:,}" for v in row] for row in z]
    fig = go.Figure(go.Heatmap(
        x=[plot(c) for c in columns], y=[plot(r) for r in rows], z=z, text=text, texttemplate="%{text}",
        colorscale="Blues", xgap=2, ygap=2, hoverongaps=False, showscale=False,
    ))
    # a cell without handoffs shows its n=0 but opens nothing: no journey takes it
    _click_layer(fig, [
        (plot(c), plot(r), (plot(r), plot(c)) if v else ("", ""), None if v is None else [f"{v:,}"])
        for r, row in zip(rows, z, strict=True) for c, v in zip(columns, row, strict=True)
    ], t("handoff_from") + ": %{y}<br>" + t("handoff_to") + ": %{x}<br>" + t("handoffs_word")
       + ": n=%{customdata[2]}<extra></extra>")
    fig.update_xaxes(title_text=t("handoff_to_axis"), type="category", side="top")
    fig.update_yaxes(title_text=t("handoff_from_axis"), type="category", autorange="reversed")
    return _layout(fig, max(260, 70 + 44 * len(rows)))


def group_bars(frame: pl.DataFrame, group: str, value: str, n: str, axis_title: str, min_n: int,
               colours: Mapping[str, str] | None = None, value_format: str = ".1f",
               value_range: Sequence[float] | None = None, order: Sequence[str] | None = None,
               horizontal: bool = False) -> go.Figure:
    """One bar per ``group`` value with its ``value``; hatched when ``n`` < ``min_n``. Vertical bars (ordered groups
    such as handoff counts) keep ``order`` (default: sorted names); horizontal ones are sorted by value, highest first.

    Bars take the group's colour from ``colours`` (one colour when None); the value is written on the bar and
    n is in the hover. ``horizontal`` puts the groups on the y-axis (long names stay readable in narrow columns).
    """
    rows = {r[group]: r for r in frame.iter_rows(named=True) if r[group] is not None}
    keys = [k for k in (order if order is not None else sorted(rows)) if k in rows]
    if horizontal:  # named groups (channels…): highest value on top, the given order breaking ties, no value last
        keys = sorted(keys, key=lambda k: (rows[k][value] is None, -(rows[k][value] or 0)))
    values = [rows[k][value] for k in keys]
    counts = [rows[k][n] for k in keys]
    labels = [wrap(k) for k in keys]
    category, number = ("y", "x") if horizontal else ("x", "y")
    fig = go.Figure(go.Bar(
        **{category: labels, number: values}, orientation="h" if horizontal else "v",
        text=[number_format.number(v, value_format) for v in values],
        textposition="auto" if horizontal else "outside",
        marker=dict(color=[(colours or {}).get(k, DEFAULT_BAR) for k in keys],
                    pattern=dict(shape=["/" if _low(c, min_n) else "" for c in counts])),
        customdata=[_n_text(c, min_n) for c in counts], cliponaxis=False,
        hovertemplate="%{" + category + "}<br>" + axis_title + ": %{" + number + ":" + value_format
                      + "}<br>%{customdata}<extra></extra>",
    ))
    category_axis, value_axis = (fig.update_yaxes, fig.update_xaxes) if horizontal else (fig.update_xaxes,
                                                                                          fig.update_yaxes)
    category_axis(type="category", tickangle=0, autorange="reversed" if horizontal else None)
    value_axis(title_text=axis_title, range=list(value_range) if value_range else None, zeroline=True)
    return _layout(fig, max(220, 80 + 40 * len(keys)) if horizontal else HEIGHT - 40)


def boxes(summary: pl.DataFrame, group: str, axis_title: str, min_n: int, colours: Mapping[str, str] | None = None,
          order: Sequence[str] | None = None, all_label: str | None = None) -> go.Figure:
    """Precomputed boxes (metrics.spread.box_summary, in hours) on a log axis: box q1–q3, line at the median,
    whiskers at p10 and p90; a null ``group`` is all journeys (``all_label``), drawn first in dark grey.

    Hollow boxes mark fewer than ``min_n`` journeys; the hover has every quantile and n.
    """
    rows = {r[group]: r for r in summary.iter_rows(named=True) if r["n"]}
    keys = ([None] if None in rows else []) + [k for k in (order if order is not None else
                                                           sorted(k for k in rows if k is not None)) if k in rows]
    fig = go.Figure()
    for k in keys:
        r = rows[k]
        colour = ALL_COLOUR if k is None else (colours or {}).get(k, DEFAULT_BAR)
        label = wrap(all_label if k is None else k)
        shown = {q: max(r[q], MIN_HOURS) for q in ("p10", "q1", "median", "q3", "p90")}
        low = _low(r["n"], min_n)
        fig.add_trace(go.Box(
            x=[label], q1=[shown["q1"]], median=[shown["median"]], q3=[shown["q3"]],
            lowerfence=[shown["p10"]], upperfence=[shown["p90"]], name=label, marker_color=colour,
            fillcolor="white" if low else _rgba(colour, 0.45), line=dict(color=colour, width=2),
            hoverinfo="skip", showlegend=False,
        ))
        fig.add_trace(go.Scatter(
            x=[label], y=[shown["median"]], mode="markers", showlegend=False,
            marker=dict(symbol="line-ew-open", size=28, color=colour, line=dict(width=3, color=colour)),
            customdata=[[_hours(r["p10"]), _hours(r["q1"]), _hours(r["median"]), _hours(r["q3"]), _hours(r["p90"]),
                         _n_text(r["n"], min_n), label.replace("<br>", " ")]],
            hovertemplate="%{customdata[6]}<br>" + t("median") + ": %{customdata[2]}<br>p90: "
                          "%{customdata[4]}<br>q1–q3: %{customdata[1]} – %{customdata[3]}<br>p10: %{customdata[0]}"
                          "<br>%{customdata[5]}<extra></extra>",
        ))
    fig.update_xaxes(type="category", tickangle=0, categoryorder="array",
                     categoryarray=[wrap(all_label if k is None else k) for k in keys])
    fig.update_yaxes(title_text=axis_title, type="log", tickvals=[h for h, _ in HOUR_TICKS],
                     ticktext=[t(key, n=n) for _, (key, n) in HOUR_TICKS])
    return _layout(fig, HEIGHT + 40)


# ticks of the log hours axis, in words: (hours, (i18n key, number))
# hours up to 48, days beyond (ui/format.py), as on the cards and in the tables
HOUR_TICKS = ((1 / 60, ("unit_min", 1)), (0.25, ("unit_min", 15)), (1, ("unit_h", 1)), (6, ("unit_h", 6)),
              (24, ("unit_h", 24)), (72, ("unit_d", 3)), (168, ("unit_d", 7)), (336, ("unit_d", 14)), (720, ("unit_d", 30)),
              (2160, ("unit_d", 90)))


def _hours(h: float | None) -> str:
    if h is None:
        return "–"
    return t("unit_min", n=f"{h * 60:.0f}") if h < 1 else number_format.duration(h, number_format.duration_words())


# (column, label key, n column, axis range or None, value format)
PERSONA_PANELS = (
    ("nps", "kpi_nps", "responses", (-100, 100), ".1f"),
    ("csat", "kpi_csat", "ratings", (0, 100), ".1f"),
    ("ces", "kpi_ces", "ces_responses", (1, 7), ".2f"),
    ("journeys", "kpi_journeys", "journeys", None, ",.0f"),
    ("median_hours", "kpi_median_duration", "journeys", None, ".1f"),
    ("handoff_rate", "kpi_handoff_rate", "journeys", (0, 100), ".1f"),
)


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
                marker=dict(color=colour, pattern=dict(shape="/" if _low(r[n], min_n) else "")),
                customdata=[_n_text(r[n], min_n)],
                hovertemplate="%{fullData.name}<br>" + t(label) + ": %{y:" + fmt + "}<br>%{customdata}<extra></extra>",
            ), row=row + 1, col=col + 1)
        fig.update_yaxes(range=list(value_range) if value_range else None, row=row + 1, col=col + 1)
    fig.update_xaxes(showticklabels=False, type="category")
    fig.update_annotations(font_size=12)
    fig.update_layout(bargap=0.15)
    return _layout(fig, 720)


def channel_mix(mix: pl.DataFrame, persona_order: Sequence[str], channel_colours: Mapping[str, str]) -> go.Figure:
    """Each persona's touchpoints by channel as 100% stacked bars (persona, channel, events)."""
    personas = [p for p in persona_order if p in set(mix["persona"].to_list())]
    totals = {r["persona"]: r["events"] for r in mix.group_by("persona").agg(pl.col("events").sum()).iter_rows(
        named=True)}
    fig = go.Figure()
    for channel in [c for c in channel_colours if c in set(mix["channel"].to_list())]:
        cells = {r["persona"]: r["events"] for r in mix.filter(pl.col("channel") == channel).iter_rows(named=True)}
        fig.add_trace(go.Bar(
            y=[wrap(p, 14) for p in personas], x=[cells.get(p, 0) for p in personas], name=plot(channel),
            orientation="h",
            marker_color=channel_colours[channel],
            customdata=[[f"{cells.get(p, 0):,}", f"{totals[p]:,}",
                         100 * cells.get(p, 0) / totals[p] if totals[p] else 0] for p in personas],
            hovertemplate="%{y}<br>%{fullData.name}: %{customdata[2]:.1f}%<br>n=%{customdata[0]} / "
                          "%{customdata[1]}<extra></extra>",
        ))
    fig.update_layout(barmode="stack", barnorm="percent")
    fig.update_xaxes(title_text=t("share_of_touchpoints"), range=[0, 100])
    fig.update_yaxes(type="category", autorange="reversed")
    return _layout(fig, max(260, 90 + 70 * len(personas))).update_layout(legend_traceorder="normal")


# --- voice of the customer (issue 12)
DETRACTOR_COLOUR, PROMOTER_COLOUR, PREVIOUS_COLOUR = "#D73027", "#1A9850", "#BDBDBD"


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
        text=[number_format.number(v, value_format) for v in values], textposition="auto", textangle=0,
        marker=dict(color=colour, pattern=dict(shape=["/" if m else "" for m in marks])) if not nps_colour else dict(
            color=[0.0 if v is None else v for v in frame["nps"].to_list()], colorscale="RdYlGn", cmin=-100,
            cmax=100, pattern=dict(shape=["/" if m else "" for m in marks]),
            colorbar=dict(title=dict(text="NPS", side="right"), orientation="h", y=-0.35, yanchor="top",
                          thickness=10)),
        customdata=custom, cliponaxis=False,
        hovertemplate="%{y}<br>" + plot(axis_title) + ": %{x:" + value_format + "}<br>%{customdata}<extra></extra>",
    ))
    fig.update_yaxes(type="category", autorange="reversed", tickangle=0)
    fig.update_xaxes(title_text=plot(axis_title), zeroline=True)
    return _layout(fig, max(220, 70 + 26 * len(keys)))


def rising_bars(frame: pl.DataFrame, previous_label: str, current_label: str) -> go.Figure:
    """Share of comments with each keyword in the previous (grey) and current period, keywords in the frame's order."""
    keys = [plot(k) for k in frame["keyword"].to_list()]
    fig = go.Figure()
    for column, label, colour, n in (("previous", previous_label, PREVIOUS_COLOUR, "previous_comments"),
                                     ("current", current_label, DETRACTOR_COLOUR, "current_comments")):
        fig.add_trace(go.Bar(
            y=keys, x=frame[column].to_list(), orientation="h", name=plot(label), marker=dict(color=colour),
            text=[number_format.number(v, ".1f") for v in frame[column].to_list()], textposition="outside",
            cliponaxis=False,
            customdata=[f"n={v:,}" for v in frame[n].to_list()],
            hovertemplate="%{y} · %{fullData.name}<br>%{x:.1f} %<br>%{customdata}<extra></extra>",
        ))
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title_text=plot(t("voc_share_axis")), rangemode="tozero")
    fig.update_layout(barmode="group", legend=dict(traceorder="normal"))
    return _layout(fig, max(240, 90 + 40 * len(keys)))


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
    fig.update_xaxes(type="category", side="top", tickangle=0)
    fig.update_yaxes(type="category", autorange="reversed")
    return _layout(fig, max(280, 90 + 26 * len(keywords)) + 60)

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
    return _layout(fig, 520)
