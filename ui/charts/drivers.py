"""Plotly builder of the drivers page: the importance–performance matrix."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import polars as pl

from i18n import t
from ui import format as number_format
from ui.charts.memo import memoised
from ui.charts.style import is_low, n_text, standard_layout
from ui.text import plot

QUADRANT_COLOURS = {"fix_first": "#D73027", "keep_up": "#1A9850", "maintain": "#4477AA", "monitor": "#999999"}
NOT_SIGNIFICANT_COLOUR = "#B0B0B0"
SIGNIFICANCE = 0.05


@memoised
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
            marker=dict(size=14, color=["white" if is_low(v, min_n) else colour for v in n],
                        line=dict(color=colour, width=2), symbol="circle" if _quadrant else "circle-open-dot"),
            # the stage first: a click on a driver filters to it (ui.drill.filter_on_cell)
            customdata=[[plot(s), c, n_text(v, min_n), number_format.p_value(p)]
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
    return standard_layout(fig, height=440)
