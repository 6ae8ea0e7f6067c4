"""Plotly builders of the channels page: handoff flows (Sankey), the handoff matrix and per-group bars."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl

from i18n import t
from ui import format as number_format
from ui.charts.memo import memoised
from ui.charts.style import DEFAULT_BAR, HEIGHT, click_layer, is_low, n_text, rgba, standard_layout, wrap
from ui.text import plot


@memoised
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
            color=[rgba(channel_colours.get(r["from_channel"], "#777777"), 0.35) for r in rows],
            customdata=[f"{r['count']:,}" for r in rows],
            hovertemplate="%{source.label} → %{target.label}<br>" + t("handoffs_word")
                          + ": n=%{customdata}<extra></extra>",
        ),
    ))
    for x, anchor, key in ((0, "left", "handoff_from"), (1, "right", "handoff_to")):
        fig.add_annotation(x=x, y=1.0, xref="paper", yref="paper", text=f"<b>{t(key)}</b>", showarrow=False,
                           xanchor=anchor, yanchor="bottom", font=dict(size=12))
    return standard_layout(fig, HEIGHT + 40)


@memoised
def handoff_heatmap(matrix: pl.DataFrame, min_group: int | None = None) -> go.Figure:
    """Handoff counts from channel (rows) to channel (columns); takes metrics.handoffs.handoff_matrix.

    The diagonal is blank: a handoff always changes channel. A null count off the diagonal is a handoff hidden as
    too small: "<5" in the cell, "fewer than 5" on hover, nothing to open. A click on a cell with handoffs selects
    its from and to channels (``customdata`` [from, to], ``_click_layer``).
    """
    rows = matrix["from_channel"].to_list()
    columns = [c for c in matrix.columns if c != "from_channel"]
    z = [[None if r == c else matrix[c][i] for c in columns] for i, r in enumerate(rows)]
    hidden = {(r, c) for i, r in enumerate(rows) for c in columns if r != c and matrix[c][i] is None}
    marker = t("suppressed_short", n=min_group or 0)
    text = [[marker if (r, c) in hidden else "" if v is None else f"{v:,}" for c, v in zip(columns, row, strict=True)]
            for r, row in zip(rows, z, strict=True)]
    fig = go.Figure(go.Heatmap(
        x=[plot(c) for c in columns], y=[plot(r) for r in rows], z=z, text=text, texttemplate="%{text}",
        colorscale="Blues", xgap=2, ygap=2, hoverongaps=False, showscale=False,
    ))
    # a cell without handoffs shows its n=0 but opens nothing: no journey takes it
    click_layer(fig, [
        (plot(c), plot(r), (plot(r), plot(c)) if v else ("", ""),
         [t("suppressed_fewer", n=min_group or 0)] if (r, c) in hidden else None if v is None else [f"{v:,}"])
        for r, row in zip(rows, z, strict=True) for c, v in zip(columns, row, strict=True)
    ], t("handoff_from") + ": %{y}<br>" + t("handoff_to") + ": %{x}<br>" + t("handoffs_word")
       + ": n=%{customdata[2]}<extra></extra>")
    fig.update_xaxes(title_text=t("handoff_to_axis"), type="category", side="top")
    fig.update_yaxes(type="category", autorange="reversed")
    # The rows' title level with the columns' one, over the row labels: turned sideways on the axis, a Korean
    # title read bottom to top, one syllable over another.
    fig.add_annotation(text=t("handoff_from_axis_down"), xref="paper", yref="paper", x=0, y=1, xanchor="right",
                       yanchor="bottom", showarrow=False, xshift=-4)
    return standard_layout(fig, max(260, 70 + 44 * len(rows)))


@memoised
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
                    pattern=dict(shape=["/" if is_low(c, min_n) else "" for c in counts])),
        customdata=[n_text(c, min_n) for c in counts], cliponaxis=False,
        hovertemplate="%{" + category + "}<br>" + axis_title + ": %{" + number + ":" + value_format
                      + "}<br>%{customdata}<extra></extra>",
    ))
    category_axis, value_axis = (fig.update_yaxes, fig.update_xaxes) if horizontal else (fig.update_xaxes,
                                                                                          fig.update_yaxes)
    category_axis(type="category", tickangle=0, autorange="reversed" if horizontal else None)
    value_axis(title_text=axis_title, range=list(value_range) if value_range else None, zeroline=True)
    return standard_layout(fig, max(220, 80 + 40 * len(keys)) if horizontal else HEIGHT - 40)
