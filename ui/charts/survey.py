"""Plotly builders of the survey pages: answers per question, top-2-box with intervals, the outcome by segment."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from i18n import t
from ui.charts.memo import memoised
from ui.charts.style import DEFAULT_BAR, is_low, n_text, standard_layout, wrap
from ui.text import plot

# From the lowest answer (red) through the middle (grey) to the highest (green), for any scale length.
LOW, MID, HIGH = (215, 48, 39), (224, 224, 224), (26, 152, 80)


def answer_colour(position: float) -> str:
    """The colour of an answer at ``position`` (0 = the scale's lowest, 1 = its highest) between red, grey and green."""
    a, b, x = (LOW, MID, position * 2) if position <= 0.5 else (MID, HIGH, position * 2 - 1)
    return "rgb({},{},{})".format(*(round(u + (v - u) * x) for u, v in zip(a, b, strict=True)))


def _height(questions: int) -> int:
    return max(220, 60 + 34 * questions)


@memoised
def distribution(frame: pl.DataFrame) -> go.Figure:
    """One 100% bar per question (first at the top), split by answer from the lowest (left, red) to the highest
    (right, green); takes figures.survey.distribution. Questions on different scales share the bar: each answer's
    colour is its place on its own scale."""
    fig = go.Figure()
    questions = list(dict.fromkeys(frame["question"].to_list()))
    shown = [wrap(plot(q), 18) for q in questions]
    for answer in sorted(frame["answer"].unique().to_list()):
        part = frame.filter(pl.col("answer") == answer)
        at = dict(zip(part["question"].to_list(), part.iter_rows(named=True), strict=True))
        rows = [at.get(q) for q in questions]
        fig.add_trace(go.Bar(
            y=shown, x=[r["share_pct"] if r else None for r in rows], orientation="h", name=str(answer),
            marker_color=[answer_colour((answer - r["low"]) / (r["high"] - r["low"])) if r else None for r in rows],
            customdata=[[r["respondents"] if r else 0] for r in rows],
            hovertemplate="%{y}<br>" + t("survey_answer") + f" {answer}: " + "%{x:.1f}% (n=%{customdata[0]:,})"
                          "<extra></extra>",
            showlegend=False,
        ))
    fig.update_layout(barmode="stack", xaxis=dict(title=t("survey_share_axis"), range=[0, 100], ticksuffix="%"),
                      yaxis=dict(autorange="reversed", automargin=True))
    return standard_layout(fig, _height(len(questions)))


@memoised
def top_two_box(frame: pl.DataFrame, min_n: int) -> go.Figure:
    """Top-2-box % per question (first at the top) with its 95% interval as an error bar; low samples hollow.
    Takes figures.survey.top_two_box."""
    rows = frame.filter(pl.col("answers") > 0)
    value = rows["top_two_pct"].to_list()
    n = rows["answers"].to_list()
    fig = go.Figure(go.Scatter(
        y=[wrap(plot(q), 18) for q in rows["question"].to_list()], x=value, mode="markers",
        marker=dict(size=11, color=["white" if is_low(v, min_n) else DEFAULT_BAR for v in n],
                    line=dict(color=DEFAULT_BAR, width=2)),
        error_x=dict(type="data", symmetric=False, color=DEFAULT_BAR,
                     array=[h - v for h, v in zip(rows["top_two_high"].to_list(), value, strict=True)],
                     arrayminus=[v - lo for lo, v in zip(rows["top_two_low"].to_list(), value, strict=True)]),
        customdata=[[lo, hi, n_text(k, min_n), s] for lo, hi, k, s in zip(
            rows["top_two_low"].to_list(), rows["top_two_high"].to_list(), n, rows["scale"].to_list(), strict=True)],
        hovertemplate="%{y}<br>" + t("survey_top_two") + " %{x:.1f}% (%{customdata[0]:.1f}–%{customdata[1]:.1f})"
                      "<br>%{customdata[3]} · %{customdata[2]}<extra></extra>",
        showlegend=False,
    ))
    fig.update_layout(xaxis=dict(title=t("survey_top_two_axis"), ticksuffix="%"),  # autoscaled: the intervals show
                      yaxis=dict(autorange="reversed", automargin=True))
    return standard_layout(fig, _height(rows.height))


@memoised
def by_segment(frame: pl.DataFrame, nps: bool, min_n: int) -> go.Figure:
    """The outcome per segment (largest first, at the top) with its 95% interval: NPS on −100…100 or the positive
    share on 0–100%. Takes figures.survey.outcome_by_segment."""
    value = frame["value"].to_list()
    n = frame["respondents"].to_list()
    fig = go.Figure(go.Bar(
        y=[wrap(plot(s), 18) for s in frame["segment"].to_list()], x=value, orientation="h",
        marker=dict(color=["white" if is_low(v, min_n) else DEFAULT_BAR for v in n], line=dict(color=DEFAULT_BAR,
                                                                                                width=1.5)),
        error_x=dict(type="data", symmetric=False, color="#444444",
                     array=[None if h is None else h - v for h, v in zip(frame["high"].to_list(), value, strict=True)],
                     arrayminus=[None if lo is None else v - lo
                                 for lo, v in zip(frame["low"].to_list(), value, strict=True)]),
        customdata=[[n_text(k, min_n)] for k in n],
        hovertemplate="%{y}<br>%{x:.1f}" + ("" if nps else "%") + "<br>%{customdata[0]}<extra></extra>",
        showlegend=False,
    ))
    fig.update_layout(xaxis=dict(title=t("survey_segment_nps_axis" if nps else "survey_segment_rate_axis"),
                                 range=[-100, 100] if nps else [0, 100], ticksuffix="" if nps else "%"),
                      yaxis=dict(autorange="reversed", automargin=True))
    return standard_layout(fig, _height(frame.height))
