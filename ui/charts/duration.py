"""Plotly builder of journey durations: precomputed boxes on a log hours axis."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl

from i18n import t
from ui import format as number_format
from ui.charts.memo import memoised
from ui.charts.style import ALL_COLOUR, DEFAULT_BAR, HEIGHT, is_low, n_text, rgba, standard_layout, unwrap, wrap

MIN_HOURS = 1 / 60  # log axes cannot show 0 h: shorter spans are drawn at one minute (the hover has the value)


@memoised
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
        low = is_low(r["n"], min_n)
        fig.add_trace(go.Box(
            x=[label], q1=[shown["q1"]], median=[shown["median"]], q3=[shown["q3"]],
            lowerfence=[shown["p10"]], upperfence=[shown["p90"]], name=label, marker_color=colour,
            fillcolor="white" if low else rgba(colour, 0.45), line=dict(color=colour, width=2),
            hoverinfo="skip", showlegend=False,
        ))
        fig.add_trace(go.Scatter(
            x=[label], y=[shown["median"]], mode="markers", showlegend=False,
            marker=dict(symbol="line-ew-open", size=28, color=colour, line=dict(width=3, color=colour)),
            customdata=[[*quantile_texts(r), n_text(r["n"], min_n), unwrap(label)]],
            hovertemplate="%{customdata[6]}<br>" + t("median") + ": %{customdata[2]}<br>p90: "
                          "%{customdata[4]}<br>q1–q3: %{customdata[1]} – %{customdata[3]}<br>p10: %{customdata[0]}"
                          "<br>%{customdata[5]}<extra></extra>",
        ))
    # the tick angle is Plotly's own: level where the names fit (a desktop), turned where they would overlap (a phone)
    fig.update_xaxes(type="category", categoryorder="array",
                     categoryarray=[wrap(all_label if k is None else k) for k in keys])
    fig.update_yaxes(title_text=axis_title, type="log", tickvals=[h for h, _ in HOUR_TICKS],
                     ticktext=[t(key, n=n) for _, (key, n) in HOUR_TICKS])
    return standard_layout(fig, HEIGHT + 40)


# ticks of the log hours axis, in words: (hours, (i18n key, number))
# hours up to 48, days beyond (ui/format.py), as on the cards and in the tables
HOUR_TICKS = ((1 / 60, ("unit_min", 1)), (0.25, ("unit_min", 15)), (1, ("unit_h", 1)), (6, ("unit_h", 6)),
              (24, ("unit_h", 24)), (72, ("unit_d", 3)), (168, ("unit_d", 7)), (336, ("unit_d", 14)), (720, ("unit_d", 30)),
              (2160, ("unit_d", 90)))


QUANTILES = ("p10", "q1", "median", "q3", "p90")


def quantile_texts(box: Mapping[str, float | None]) -> list[str]:
    """A box's p10, q1, median, q3 and p90 as its hover says them: in one unit, the larger ones' (days when the
    p90 would be in days; a median in hours beside a p90 in days misread)."""
    unit = number_format.shared_unit(*([box[q]] for q in QUANTILES))
    return [number_format.duration_in(box[q], unit, number_format.duration_words()) for q in QUANTILES]
