"""The executive summary in words and as a one-page PDF: the headline sentences (also on the overview) and the snapshot.

Takes ``executive.summary`` (language-free figures) and a language; no Streamlit, so report.py can
write the same PDF headless. The PDF is one A4 Plotly figure (tables and the NPS trend) exported by
kaleido through the system Chromium (vector output: the text stays text, CJK fonts from the
system's fontconfig).
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from errors import DataError
from i18n import Message, column_labels, t
from metrics.story import STORY_KEYS, biggest_mover, changes_sentence, fix_first_text, nps_sentence, p_text
from ui import format as number_format
from ui import text
from ui.cards import delta as card_delta
from ui.charts.style import date_ticks

# (kpi, label key, value format, change format)
KPI_ROWS = (
    ("nps", "kpi_nps", "{:.1f}", "{:+.1f}"),
    ("csat", "kpi_csat", "{:.1f}%", "{:+.1f} pp"),
    ("ces", "kpi_ces", "{:.2f}", "{:+.2f}"),
    ("journeys", "kpi_journeys", "{:,.0f}", "{:+,.0f}"),
    ("median_journey_hours", "kpi_median_duration", "{:.1f}", "{:+.1f}"),
    ("handoff_rate", "kpi_handoff_rate", "{:.1f}%", "{:+.1f} pp"),
)
GREEN, RED, GREY, INK = "#1A7F37", "#C62828", "#6B6B6B", "#222222"
A4 = (794, 1123)  # CSS pixels at 96 dpi
# Latin text and digits in a TrueType face (Chromium embeds it with its text, so pdftotext and search find the
# numbers); Hangul falls back to Noto Sans CJK (fonts-noto-cjk). With Noto CJK first, the digits were embedded as
# Type 3 glyphs without text.
FONT = "Liberation Sans, Arial, Noto Sans CJK KR, sans-serif"


def story_templates(lang: str) -> dict[str, str]:
    return {k: t("headline_" + k, lang=lang) for k in STORY_KEYS}


def period_labels(period: dict, lang: str) -> tuple[str, str]:
    """("the last 30 days of data, to 2025-12-31", "2025-11-02 – 2025-12-01") in ``lang``: a period that ends with
    the data says so (the data may end long before today); a custom one gives its dates."""
    (cs, cu), (ps, pu) = period["current"], period["previous"]
    previous = t("period_dates", lang=lang, since=ps, until=pu)
    if period["choice"] == "custom":
        name = t("period_custom", lang=lang, days=period["days"])
        return t("period_span", lang=lang, name=name, since=cs, until=cu), previous
    return t("period_span_to", lang=lang, name=t("period_data_" + period["choice"], lang=lang), until=cu), previous


def dimension_labels(lang: str) -> dict[str, str]:
    """Segment dimensions' names in ``lang``: all, channel, stage, persona and every named data column."""
    return column_labels(lang) | {d: t("dim_" + d, lang=lang) for d in ("all", "channel", "stage", "persona")}


def headline(summary: dict[str, Any], lang: str) -> list[str]:
    """The headline sentences: the NPS and its tested change on the period, what changed (ranked), the fix first, and
    (when the summary has one) the keyword most distinctive of detractors' comments, or while the comments' keywords
    are still computed (``comments_running``), that they are."""
    current, previous = period_labels(summary["period"], lang)
    if summary.get("suppressed"):  # too few customers: that, and nothing else (no "no answers")
        return [hidden_sentence(summary, lang)]
    templates = story_templates(lang)
    k = summary["kpis"]
    nps_text = nps_sentence(k["current"]["nps"], k["tests"]["nps"], current, previous, k["compared"],
                            k["tests"]["answers"]["nps"], summary["min_sample"], templates)
    mover_text = changes_sentence(summary["alerts"], summary.get("rising"), k["compared"], previous, templates,
                                  dimension_labels(lang))
    sentences = [nps_text, mover_text, fix_first_text(summary["fix_first"], templates)]
    complaint = summary.get("complaint")
    if complaint:  # only when the voice of the customer's keywords are computed and one is distinctive
        sentences.append(templates["complaint"].format(keyword=complaint["keyword"]))
    elif summary.get("comments_running"):  # not computed yet: the story is not complete, and says so
        sentences.append(t("headline_comments_running", lang=lang))
    return sentences


def hidden_sentence(summary: dict[str, Any], lang: str) -> str:
    """The one sentence a period too small to show gets in place of each of its figures' sentences."""
    return t("suppressed_period", lang=lang, period=period_labels(summary["period"], lang)[0],
             n=summary["min_group"])


def headline_statistics(summary: dict[str, Any], lang: str) -> str:
    """The statistics behind the headline's plain words (its help text): the tests, their p-values, the driver's
    share of R² and the complaint's z; "—" for what the headline does not state."""
    if summary.get("suppressed"):
        return t("suppressed_note", lang=lang, n=summary["min_group"])
    nps_test = summary["kpis"]["tests"]["nps"]
    mover = biggest_mover(summary["alerts"])
    if mover is None and not summary["alerts"].is_empty():
        mover = summary["alerts"].row(0, named=True)
    importance = summary["fix_first"].fields.get("importance")
    complaint = summary.get("complaint")
    return t("headline_statistics", lang=lang, min_sample=summary["min_sample"], tested=summary["tested"],
             nps_p="—" if nps_test is None or nps_test.p_value is None else p_text(nps_test.p_value),
             mover_p="—" if mover is None else p_text(mover["p_value"]),
             importance="—" if importance is None else f"{importance:.0f}%",
             z="—" if not complaint else f"z = {complaint['z']:.1f}")


def kpi_table(summary: dict[str, Any], lang: str) -> list[dict[str, str]]:
    """One row per KPI as shown on the cards and in the PDF: label, value, change, target, status (met/missed/
    none) and gap, all as text in ``lang``."""
    k, goals = summary["kpis"], summary["targets"]
    rows = []
    for key, label, fmt, change_fmt in KPI_ROWS:
        if k.get("suppressed"):
            rows.append({"kpi": key, "label": t(label, lang=lang),
                         "value": t("suppressed_fewer", lang=lang, n=summary["min_group"]), "change": "—",
                         "target": "—", "status": "none", "gap": "—"})
            continue
        value = k["current"][key]
        if key == "median_journey_hours":  # hours or days, by the value's size (ui/format.py)
            fmt, change_fmt = number_format.duration_formats(value, number_format.duration_words(lang))
        shown = card_delta(k["change"][key], change_fmt, True, compared=k["compared"])
        goal = goals[key]
        status = "none" if goal.met is None else ("met" if goal.met else "missed")
        rows.append({
            "kpi": key, "label": t(label, lang=lang), "value": "—" if value is None else fmt.format(value),
            "change": shown.text or "—",
            "target": "—" if goal.target is None else fmt.format(goal.target),
            "status": status,
            "gap": "—" if goal.gap is None else t("target_" + status, lang=lang, gap=change_fmt.format(goal.gap)),
        })
    return rows


def _cells(columns: list[list[str]], colours: list[list[str]] | None = None, size: int = 11) -> dict:
    # Every cell through text.plot: data values (stage, touchpoint, channel names) are drawn as typed, never as HTML.
    return dict(values=[[text.plot(v) for v in column] for column in columns], align="left", height=ROW_PX,
                font=dict(size=size, color=colours or INK), fill_color="white", line_color="#DDDDDD")


# The page, in CSS pixels: each table panel is as tall as its rows (a taller one left blank bands between the
# sections, a shorter one would scroll and cut rows off); the NPS chart takes what is left, within its bounds.
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = 100, 20, 36
PANEL_GAP = 40          # between two panels: room for the next panel's title
ROW_PX, HEADER_PX, LINE_PX = 22, 28, 21   # a one-line cell and header; each further wrapped line adds LINE_PX
TABLE_SLACK = 8         # below a table's last row: an estimate a pixel short would cut the row off
CELL_PAD = 16           # a cell's left and right padding together
CHART_PX = (200, 380)   # the NPS chart's least and most height
TICK_LABELS_PX = 22     # under the chart's plot area: its date ticks
TARGET_LABEL_PX = 16    # the target line's label above the line (10-px text and its gap)


def text_width(value: str, size: float) -> float:
    """A slight over-estimate of ``value``'s width in pixels at font ``size``, from the faces' advance widths
    (Liberation Sans: capitals 0.68 em, digits 0.56, small letters 0.52, spaces 0.28, punctuation 0.4; Noto Sans
    CJK: Hangul 0.92, taken as 0.95)."""
    def em(c: str) -> float:
        if unicodedata.east_asian_width(c) in "WF":
            return 0.95
        if c == " ":
            return 0.28
        if c.isupper():
            return 0.68
        if c.isdigit():
            return 0.56
        if c.isalnum():
            return 0.52
        return 0.4 if c in ".,:;()-/%'" else 0.62
    return size * sum(em(c) for c in value)


def wrapped_lines(value: str, width_px: float, size: float) -> int:
    """How many lines ``value`` takes in a cell ``width_px`` wide, broken at spaces as the table breaks it (a word
    longer than the line takes the lines it needs)."""
    room, lines, used = max(width_px - CELL_PAD, 1.0), 1, 0.0
    for word in value.split(" "):
        width = text_width(word, size)
        if used and used + text_width(" ", size) + width > room:
            lines, used = lines + 1, 0.0
        if used:
            used += text_width(" ", size)
        lines += max(math.ceil(width / room) - 1, 0)
        used += width if width <= room else width % room
    return lines


def table_px(columns: list[list[str]], widths: Sequence[float], size: float, header: Sequence[str] = ()) -> int:
    """The height of a table panel: its header (when it has one) and each row as tall as its longest cell."""
    total = sum(widths)
    inner = A4[0] - 2 * MARGIN_SIDE
    px = [inner * w / total for w in widths]

    def row(cells: Sequence[str], base: int, font: float) -> int:
        return base + LINE_PX * (max(wrapped_lines(str(c), w, font) for c, w in zip(cells, px, strict=True)) - 1)

    rows = list(zip(*columns, strict=True))
    return (row(header, HEADER_PX, 11) if header else 2) + sum(row(r, ROW_PX, size) for r in rows) + TABLE_SLACK


def panel_heights(tables: Sequence[int], chart_at: int) -> tuple[list[int], int]:
    """The panels' heights in pixels (``tables`` with the chart put in at ``chart_at``) and the blank left at
    the page's foot: the chart takes the room the tables leave, between CHART_PX's bounds."""
    room = A4[1] - MARGIN_TOP - MARGIN_BOTTOM - PANEL_GAP * len(tables) - sum(tables)
    chart = min(max(room, CHART_PX[0]), CHART_PX[1])
    heights = [*tables[:chart_at], chart, *tables[chart_at:]]
    return heights, max(room - chart, 0)


def nps_range(values: Sequence[float], goal: float | None, plot_px: float) -> list[float]:
    """The NPS axis range of the chart: every weekly value and the target, with TARGET_LABEL_PX above the target line
    for its label (drawn above the line, it was cut off by the plot's top edge when the target was the highest value)."""
    known = [v for v in values if v is not None]
    low, high = min([*known, *([goal] if goal is not None else [])]), max([*known, *([goal] if goal is not None else [])])
    pad = max(0.08 * (high - low), 2.0)
    low, high = low - pad, high + pad
    if goal is not None:
        share = TARGET_LABEL_PX / plot_px  # of the axis span, the label's height
        high = max(high, (goal - share * low) / (1 - share))
    return [low, high]


def figure(summary: dict[str, Any], lang: str, loop: Sequence[Message] = ()) -> go.Figure:
    """The one-page snapshot: headline, KPI cards (value, change on the period, target and gap), weekly NPS with its
    target line, top movers, worst pain points and, given ``loop`` (figures.loop.loop_status), what the team
    changed and whether it worked."""
    rows = kpi_table(summary, lang)
    current, previous = period_labels(summary["period"], lang)
    titles = [t("pdf_headline", lang=lang), t("pdf_kpis", lang=lang, previous=previous), t("nps_trend", lang=lang),
              t("pdf_movers", lang=lang), t("worst_pain_points", lang=lang)]
    specs = [[{"type": "table"}], [{"type": "table"}], [{"type": "xy"}], [{"type": "table"}], [{"type": "table"}]]

    headline_cells = [headline(summary, lang)]
    status_colour = {"met": GREEN, "missed": RED, "none": GREY}
    columns = ["label", "value", "change", "target", "gap"]
    kpi_header = [t("pdf_col_" + c, lang=lang) for c in columns]
    kpi_cells = [[r[c] for r in rows] for c in columns]
    kpi_widths = [2.2, 1, 1, 1, 1.6]
    movers = summary["alerts"].filter(pl.col("dimension") != "all").head(6)
    dims = dimension_labels(lang)
    mover_rows = [[dims.get(r["dimension"], r["dimension"]) + " · " + str(r["value"]) for r in movers.iter_rows(named=True)],
                  [t("story_metric_" + r["metric"], lang=lang) for r in movers.iter_rows(named=True)],
                  [f"{r['previous']:.1f} → {r['current']:.1f}" for r in movers.iter_rows(named=True)],
                  [f"{r['change']:+.1f}" for r in movers.iter_rows(named=True)],
                  [f"{r['p_value']:.2g}" for r in movers.iter_rows(named=True)]]
    if summary.get("suppressed"):
        mover_rows = [[hidden_sentence(summary, lang)], [""], [""], [""], [""]]
    elif movers.is_empty():
        mover_rows = [[t("pdf_no_movers", lang=lang, tested=summary["tested"])], [""], [""], [""], [""]]
    mover_header = [t("pdf_col_" + c, lang=lang) for c in ("segment", "metric", "previous_current", "change", "p")]
    mover_widths = [2.4, 0.8, 1.4, 0.8, 0.8]
    pains = summary["pain_points"]
    pain_rows = [pains["touchpoint"].to_list(), [str(s) for s in pains["stage"].to_list()],
                 [f"{c:.0f}%" for c in pains["csat"].to_list()], [f"{e:,}" for e in pains["events"].to_list()],
                 [f"{p:,.0f}" for p in pains["pain_score"].to_list()]]
    if summary.get("suppressed"):
        pain_rows = [[hidden_sentence(summary, lang)], [""], [""], [""], [""]]
    elif pains.is_empty():
        pain_rows = [[t("pdf_no_pain", lang=lang)], [""], [""], [""], [""]]
    pain_header = [t("pdf_col_" + c, lang=lang) for c in ("touchpoint", "stage", "csat", "events", "pain_score")]
    pain_widths = [2, 1.2, 0.8, 0.8, 1]
    tables = [table_px(headline_cells, [1], 12), table_px(kpi_cells, kpi_widths, 11, kpi_header),
              table_px(mover_rows, mover_widths, 11, mover_header), table_px(pain_rows, pain_widths, 11, pain_header)]
    loop_cells = [[m.text(lang) for m in loop]]
    if loop:
        titles.append(t("loop_actions_title", lang=lang))
        specs.append([{"type": "table"}])
        tables.append(table_px(loop_cells, [1], 11))
    heights, foot = panel_heights(tables, chart_at=2)
    plot_px = A4[1] - MARGIN_TOP - MARGIN_BOTTOM - foot
    fig = make_subplots(rows=len(specs), cols=1, vertical_spacing=PANEL_GAP / plot_px, row_heights=heights,
                        specs=specs, subplot_titles=titles)
    fig.update_annotations(font=dict(size=13, color=INK), xanchor="left", x=0)  # the subplot titles
    bottom, top = fig.layout.yaxis.domain  # the chart's panel (its only axes): its tick labels go under the plot
    fig.update_yaxes(domain=[bottom + TICK_LABELS_PX / plot_px, top], row=3, col=1)
    fig.add_trace(go.Table(header=dict(values=[""], height=2, fill_color="white", line_color="white"),
                           cells=_cells(headline_cells, size=12), columnwidth=[1]), row=1, col=1)
    colours = [[INK] * len(rows)] * 4 + [[status_colour[r["status"]] for r in rows]]
    fig.add_trace(go.Table(
        header=dict(values=kpi_header, align="left", fill_color="#F2F2F2", height=HEADER_PX,
                    font=dict(size=11, color=INK), line_color="#DDDDDD"),
        cells=_cells(kpi_cells, colours), columnwidth=kpi_widths,
    ), row=2, col=1)
    trend = summary["trend"]
    if trend.height:
        fig.add_trace(go.Scatter(x=trend["week"].to_list(), y=trend["nps"].to_list(), mode="lines+markers",
                                 line=dict(color=INK, width=2), marker=dict(size=4), name="NPS", showlegend=False),
                      row=3, col=1)
        goal = summary["targets"]["nps"].target
        if goal is not None:  # a line trace: add_hline cannot address an xy panel among table panels
            weeks = trend["week"].to_list()
            fig.add_trace(go.Scatter(x=[weeks[0], weeks[-1]], y=[goal, goal], mode="lines+text",
                                     line=dict(color="#7F3C8D", dash="dash", width=1.5), showlegend=False,
                                     text=[t("target_line", lang=lang, value=f"{goal:g}"), ""],
                                     textposition="top right", textfont=dict(color="#7F3C8D", size=10)),
                          row=3, col=1)
        fig.update_yaxes(title_text="NPS", row=3, col=1, zeroline=True,
                         range=nps_range(trend["nps"].to_list(), goal, heights[2] - TICK_LABELS_PX))
    fig.add_trace(go.Table(
        header=dict(values=mover_header, align="left", fill_color="#F2F2F2", height=HEADER_PX,
                    font=dict(size=11, color=INK), line_color="#DDDDDD"),
        cells=_cells(mover_rows), columnwidth=mover_widths), row=4, col=1)
    fig.add_trace(go.Table(
        header=dict(values=pain_header, align="left", fill_color="#F2F2F2", height=HEADER_PX,
                    font=dict(size=11, color=INK), line_color="#DDDDDD"),
        cells=_cells(pain_rows), columnwidth=pain_widths), row=5, col=1)
    if loop:
        fig.add_trace(go.Table(header=dict(values=[""], height=2, fill_color="white", line_color="white"),
                               cells=_cells(loop_cells, size=11), columnwidth=[1]), row=6, col=1)
    fig.update_layout(
        width=A4[0], height=A4[1], showlegend=False,
        margin=dict(l=MARGIN_SIDE, r=MARGIN_SIDE, t=MARGIN_TOP, b=MARGIN_BOTTOM + foot),
        font=dict(family=FONT, size=11, color=INK),
        paper_bgcolor="white", plot_bgcolor="white",
        title=dict(text=t("pdf_title", lang=lang, name=text.plot(summary["name"]), period=current,
                          today=dt.date.today().isoformat()), x=0.02, font=dict(size=15)),
    )
    fig.update_xaxes(showgrid=True, gridcolor="#EEEEEE", tickformatstops=date_ticks(lang), row=3, col=1)
    fig.update_yaxes(showgrid=True, gridcolor="#EEEEEE", row=3, col=1)
    return fig


class SnapshotUnavailable(DataError):
    """The PDF snapshot cannot be made on this machine: no Chromium for kaleido, or one that does not start.
    Not the data's fault, but the operator's to fix, so it travels as a DataError (report.py: ``error: …``, exit 2)."""


def browser() -> str | None:
    """The Chromium kaleido would start (choreographer's own search: ``BROWSER_PATH``, then PATH and the usual
    install places), or None when there is none."""
    try:
        from choreographer.browsers.chromium import Chromium

        path = Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001  (a search that fails finds nothing)
        return None
    return path if path and Path(path).is_file() else None


def _browser_failure(exc: BaseException) -> BaseException | None:
    """The browser error behind ``exc`` (plotly re-raises kaleido's ChromeNotFoundError as a RuntimeError)."""
    from choreographer.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError

    while exc is not None:
        if isinstance(exc, ChromeNotFoundError | BrowserFailedError | BrowserClosedError):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def pdf(summary: dict[str, Any], lang: str = "en", loop: Sequence[Message] = ()) -> bytes:
    """The snapshot as PDF bytes (kaleido drives the system Chromium; nothing is downloaded).

    Raises SnapshotUnavailable (one English sentence, for report.py) when there is no Chromium or it does not
    start; the overview asks ``browser()`` first and says so in the UI language instead of offering the button."""
    if browser() is None:
        raise SnapshotUnavailable("pdf_no_browser")
    import kaleido  # noqa: F401  (plotly's PDF export needs it; imported here so a missing one fails clearly)

    try:
        return figure(summary, lang, loop).to_image(format="pdf", width=A4[0], height=A4[1])
    except Exception as exc:
        failure = _browser_failure(exc)
        if failure is None:
            raise
        problem = (str(failure).strip().splitlines() or [type(failure).__name__])[0]
        raise SnapshotUnavailable("pdf_browser_failed", problem=problem.rstrip(".")) from None
