"""What every Plotly builder shares: one colour map, the standard layout, n in hovers, low samples marked.

Every data value (stage, channel, persona) enters a figure through ``ui.text.plot`` (Plotly draws a
subset of HTML, links included, in labels, ticks, legends and hovers) and never as part of a hover
template: a trace's name is read there as ``%{fullData.name}``, other values through ``customdata``.

Low-sample groups (fewer answers than ``min_n``) are drawn, never hidden: hollow markers on lines,
hatched bars, and a ``*`` on heatmap cells, with ``(n<min)`` in the hover. Legends sit below the plot
and no figure has a fixed width, so charts read on a 1400-px desktop and on a 390-px phone.

The builders live by concept beside this module: ``nps_charts`` (overview), ``journey_map_charts``,
``driver_charts``, ``channel_charts``, ``duration_charts``, ``persona_charts``, ``voc_charts``, ``path_charts``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from i18n import t
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
DEFAULT_BAR = "#3969AC"
HIDDEN_COLOUR = "#E4E4E4"  # figures hidden as too small (small-group suppression): pale grey, hatched
HEIGHT = 380
UNSELECTED_OPACITY = 0.6
# A clickable bar chart's bars not clicked, beside the clicked one: still readable (Plotly's default fades them to
# 0.2). Their numbers keep Plotly's fading: an unselected textfont stops a click from selecting (plotly.js, measured)
UNSELECTED = dict(marker=dict(opacity=UNSELECTED_OPACITY))


def colour_map(values: Mapping[str, Sequence[str]]) -> dict[str, dict[str, str]]:
    """{kind: {value: colour}} for kind persona / channel, from all values of the dataset in sorted order."""
    out = {}
    for kind, palette in PALETTES.items():
        out[kind] = {v: palette[i % len(palette)] for i, v in enumerate(sorted(values.get(kind, ())))}
    return out


def standard_layout(fig: go.Figure, height: int = HEIGHT) -> go.Figure:
    """The layout every figure ends with: its ``height`` (px, no fixed width), thin margins, the legend below, no drag."""
    fig.update_layout(
        height=height, margin=dict(l=8, r=8, t=24, b=8),
        # The legend sits at the bottom of the figure (container), below the x-axis title: placed under
        # the plot area instead, it covered the axis title on a phone, where tick labels turn sideways.
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0, title_text=""),
        hoverlabel=dict(align="left"), dragmode=False,
    )
    return fig


# Tick labels of a date axis by the spacing of its ticks (Plotly's ``tickformatstops``, d3 time formats from the
# catalog): under a day, days and weeks, months, years. Plotly's own labels are English ("Jan 2025") in any language.
DATE_TICK_STOPS = (((None, 86_400_000), "date_tick_hours"), ((86_400_000, "M1"), "date_tick_days"),
                   (("M1", "M12"), "date_tick_months"), (("M12", None), "date_tick_years"))


def date_ticks(lang: str | None = None) -> list[dict]:
    """``tickformatstops`` of a date axis in ``lang`` (the UI language by default): "2025년 3월" in Korean."""
    return [dict(dtickrange=list(span), value=t(key, lang=lang)) for span, key in DATE_TICK_STOPS]


def is_low(n: int | None, min_n: int) -> bool:
    """Whether a group of ``n`` answers (None: none) is a low sample: fewer than ``min_n``."""
    return n is None or n < min_n


def n_text(n: int | None, min_n: int) -> str:
    """The hover's sample size, ``n=1,234``, tagged ``(n<min)`` when it is a low sample."""
    n = n or 0
    return f"n={n:,}" + (" " + t("low_sample_tag", min=min_n) if n < min_n else "")


# A line break inside a word (a long label without spaces): a zero-width space before the <br>, so ``unwrap`` can
# join the word again (a data value's own "<" is escaped by ``plot``, so it can never hold this).
BREAK_IN_WORD = "\u200b<br>"


def text_units(text: str) -> int:
    """Width of ``text`` in units of a Latin letter: East Asian wide characters (Hangul, CJK) count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pieces(word: str, width: int) -> list[str]:
    """``word`` cut into pieces of at most ``width`` units (one piece when it fits)."""
    pieces = [""]
    for c in word:
        if pieces[-1] and text_units(pieces[-1] + c) > width:
            pieces.append("")
        pieces[-1] += c
    return pieces


def wrap(label: str, width: int = 10) -> str:
    """A long category label broken into lines of at most ``width`` units (a Latin letter is one, a Hangul or CJK
    character two), at spaces, and inside a word only when the word alone is wider (for narrow screens), as
    Plotly text (each line through ``ui.text.plot``, joined by ``<br>``; a break inside a word by BREAK_IN_WORD)."""
    lines: list[str] = []
    joins: list[str] = []  # what joins each line to the one before it
    for word in str(label).split(" "):
        for i, piece in enumerate(_pieces(word, width)):
            if i == 0 and lines and text_units(lines[-1]) + 1 + text_units(piece) <= width:
                lines[-1] += " " + piece
            else:
                joins.append(BREAK_IN_WORD if i else "<br>")
                lines.append(piece)
    return plot(lines[0]) + "".join(join + plot(line) for join, line in zip(joins[1:], lines[1:], strict=True))


def unwrap(label: str) -> str:
    """A ``wrap``-ped label on one line again (still Plotly text): a break inside a word joins, any other a space."""
    return label.replace(BREAK_IN_WORD, "").replace("<br>", " ")


def rgba(colour: str, alpha: float) -> str:
    """A ``#RRGGBB`` colour as ``rgba(r,g,b,alpha)`` (a translucent fill of the same hue)."""
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def click_layer(fig: go.Figure, cells: Sequence[tuple[str, str, tuple[str, str], list[str] | None]],
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
