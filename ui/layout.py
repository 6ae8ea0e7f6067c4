"""Page helpers: the empty-result message, error boxes in place of a failed part, n captions, tables with CSV.

Every table a page shows goes through ``table`` (so it has a CSV download, made only when clicked, with
formula injection neutralised); every chart sits in ``with guard():`` (so a failure shows an error box, not a dead page).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import weakref
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import polars as pl
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from errors import CacheError, DataError
from i18n import column_label, current_lang, t
from metrics import exports
from store import Dataset, Filters
from ui import audit, data, text
from ui import format as fmt
from ui.charts.style import text_units

log = logging.getLogger("cxlens.ui")


_PAGE_CSS = "<style>" + "".join((
    # Streamlit leaves 6rem above the first element for its header; the header here holds only the top navigation
    # (about 3.75rem), so the rest was empty space above every page title.
    ".stMainBlockContainer{padding-top:4.5rem}",
    # Korean lines break between words (at spaces), never inside one (목/표, 수수/료); a word longer than its line
    # still wraps rather than running out of its box. On every element: Streamlit sets word-break on its own
    # (a paragraph's break-word), which an inherited value would not override.
    '[data-testid="stApp"] *{word-break:keep-all!important;overflow-wrap:break-word}',
    # A KPI card's value fits a card of six in a row at 1400 px (18.2시간 was cut to 18.2…); one that still does not
    # fit wraps instead of ending in an ellipsis.
    '[data-testid="stMetricValue"]{font-size:1.75rem}',
    '[data-testid="stMetricValue"] .stMarkdownEllipsis,[data-testid="stMetricValue"] p'
    "{white-space:normal;overflow:visible;text-overflow:clip}",
)) + "</style>"


def page_style() -> None:
    """The app's few layout rules (drawn once per run, from the entry script; takes no space on the page)."""
    st.html(_PAGE_CSS)


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Run one part of a page; if it fails, show an error box in its place and carry on with the page.

    A DataError shows its sentence; anything else a short message (the traceback goes to the log).
    Streamlit's own control flow (st.stop, st.rerun) is not caught: it is not an Exception.
    """
    try:
        yield
    except CacheError as exc:
        st.error(t("cache_error", problem=exc.problem))
    except DataError as exc:
        st.error(t("chart_failed", error=text.error(exc)))
    except Exception as exc:
        log.exception("a dashboard part failed")
        st.error(t("chart_failed", error=type(exc).__name__))


# Plotly writes date ticks with English month names (d3's %b); in Korean, numbers with 년/월/일 instead, by zoom level.
WRAP_WIDTH_PX = 200  # the wrapped text columns of a table together: beside them ~170 px of numbers on a phone
WRAP_ROW_PX = 66  # three lines of text; Streamlit wraps a cell's text only in rows taller than 4rem (64 px)
PX_PER_UNIT, CELL_PADDING_PX = 7, 16  # a table's Latin letter (a Hangul one is two units), a cell's side padding
_DAY_MS = 86_400_000
_KO_DATE_TICKS = (
    dict(dtickrange=[None, _DAY_MS], value="%Y년 %-m월 %-d일"),
    dict(dtickrange=[_DAY_MS, "M1"], value="%-m월 %-d일"),
    dict(dtickrange=["M1", "M12"], value="%Y년 %-m월"),
    dict(dtickrange=["M12", None], value="%Y년"),
)


def chart(figure, file_name: str = "cxlens-chart", **kwargs) -> None:
    """Draw a Plotly figure across the column, localised (date ticks in the UI language), with one toolbar button:
    download as PNG (the full toolbar covered chart titles on a phone; a single icon sits in the top margin)."""
    localise(figure)
    config = {"displaylogo": False, "modeBarButtons": [["toImage"]],
              "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2}}
    st.plotly_chart(figure, width="stretch", config=config, **kwargs)


# Dates here are days, weeks and months: a short span (one week of data) must not get time-of-day ticks (00:00:00).
_EN_DATE_TICKS = (dict(dtickrange=[None, _DAY_MS], value="%b %-d, %Y"),)


def localise(figure, lang: str | None = None):
    """``figure`` with its date axes' tick labels in ``lang`` (the UI language): Korean months as numbers, and never
    a time of day (the dates are days, weeks or months); an x axis with its own tick format (numbers only, such as an
    episode's ``%m-%d %H:%M``) keeps it."""
    if not any(_has_dates(trace) for trace in figure.data):
        return figure
    if figure.layout.xaxis.tickformat:  # times of day chosen by the chart (an episode's hours): kept in every language
        return figure
    stops = _KO_DATE_TICKS if (lang or current_lang()) == "ko" else _EN_DATE_TICKS
    figure.update_xaxes(tickformatstops=[dict(d) for d in stops])
    return figure


def _has_dates(trace) -> bool:
    values = getattr(trace, "x", None)
    if values is None or len(values) == 0:
        return False
    first = values[0]
    return isinstance(first, dt.date | np.datetime64) or (isinstance(first, str) and _ISO_DATE.match(first) is not None)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def survey_page(ds: Dataset, f: Filters, lang: str):
    """The top of a survey's own page (Questions, Segments): a sentence and stop when the data is not a survey,
    ``stop_if_empty`` for the filters, and the weighting line when the figures below are weighted. Returns the
    survey's description (``data.survey_info``)."""
    about = data.survey_info(ds)
    if about is None:
        st.info(t("survey_page_needs_survey"))
        st.stop()
    stop_if_empty(ds, f)
    weighted = data.survey_weighting_line(ds, f)
    if weighted is not None:
        st.caption(text.md(weighted.text(lang)))
    return about


def stop_if_empty(ds: Dataset, f: Filters) -> None:
    """When the filters select no journey: one st.info naming the filter(s) to relax, then stop the page."""
    if data.totals(ds, f)["journeys"] > 0:
        return
    names = [t("date_range") if n == "dates" else t(n) if n in ("persona", "channel", "stage", "keyword", "path_contains")
             else text.md(column_label(n)) for n in data.relaxations(ds, f)]
    if names:
        st.info(t("nothing_matches", filters=t("or").join(names)))
    else:
        st.info(t("nothing_matches_any"))
    st.stop()


def detractors_to_call(ds: Dataset, f: Filters, lang: str) -> pl.DataFrame | None:
    """The selection's detractors to call back (data.detractors) for a page to show as a table; None once a sentence
    says why there is none to show (small-group suppression hides them, or the selection has none)."""
    follow_up = data.detractors(ds, f)
    hidden = data.detractors_hidden(ds, f)
    if hidden is not None:
        st.info(hidden.text(lang))
        return None
    if follow_up.is_empty():
        st.info(t("detractors_none"))
        return None
    return follow_up


def _first_on_this_run(what: str) -> bool:
    """True the first time ``what`` is asked for in this script run (a page run), False after that."""
    ctx = get_script_run_ctx()
    token = getattr(ctx, "parallel_coordinator", None)  # a new object for every run (ScriptRunContext.reset)
    if token is None:
        return True
    seen = _SEEN_THIS_RUN.setdefault(token, set())
    if what in seen:
        return False
    seen.add(what)
    return True


def lazy_tabs(labels: Sequence[str], key: str) -> list:
    """Tabs of which only the open one's content is drawn: ``st.tabs`` with ``on_change="rerun"``, each container's
    ``.open`` saying whether the page should fill it (the first tab open at first). Several views of one thing (a
    flow and its matrix, a score three ways) then cost one chart on every filter change, not one per view: the
    browser builds each Plotly chart again on every rerun. The open tab is kept per UI language (its labels
    change with the language)."""
    return st.tabs(list(labels), on_change="rerun", key=f"{key}.{current_lang()}")


_SEEN_THIS_RUN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def n_caption(journeys: int | None = None, answers: int | None = None, ratings: int | None = None,
              low_sample: bool = True) -> None:
    """A caption with the chart's n (journeys, answers, ratings) and, with ``low_sample``, the marking legend:
    the legend once per page (under the first chart that marks low samples), not under every chart."""
    parts = []
    if journeys is not None:
        parts.append(t("n_journeys", n=f"{journeys:,}"))
    if answers is not None:
        parts.append(t("n_answers", n=f"{answers:,}"))
    if ratings is not None:
        parts.append(t("n_ratings", n=f"{ratings:,}"))
    if low_sample and _first_on_this_run("low_sample_note"):
        parts.append(t("low_sample_note", min=data.min_sample()))
    st.caption(" · ".join(parts))


def suppressed_caption() -> None:
    """With small-group suppression on, the caption saying figures over fewer than min_group customers are hidden
    (with some others), once per page, under the first breakdown that hides them; nothing when it is off."""
    n = data.min_group()
    if n is not None and _first_on_this_run("suppressed_note"):
        st.caption(t("suppressed_note", n=n))


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as a safe CSV download (metrics.exports.csv_bytes: masked, formulas neutralised, UTF-8 with BOM)."""
    return exports.csv_bytes(frame)


def _durations_in_days(frame: pl.DataFrame, labels: dict[str, str]) -> tuple[pl.DataFrame, dict[str, str], list[str]]:
    """A table's ``*_hours`` columns in one unit (ui/format.py ``shared_unit``): all in days when one of them, by its
    median, would be (a median in hours beside a p90 in days misread), the labels' hour unit ("(h)", "(시간)") turned
    into days, and which columns are now in days."""
    hours, days = t("unit_hours_suffix"), t("unit_days_suffix")
    durations = [c for c, dtype in frame.schema.items() if c.endswith("_hours") and dtype.is_numeric()]
    if fmt.shared_unit(*(frame[c].to_list() for c in durations)) != "days":
        return frame, labels, []
    renamed = dict(labels)
    for c in durations:
        label = labels.get(c, c)
        renamed[c] = label.replace(hours, days) if hours in label else f"{label}{days}"
    return frame.with_columns(pl.col(c) / 24 for c in durations), renamed, durations


def _duration_format(printf: str | None, days: pl.Series) -> str | None:
    """``printf`` with the decimals a column of durations in days needs: under a day, one decimal tells hours apart
    only in steps of 2.4 h (13.4 h and 14.2 h both read 0.6 d) and a stage left within the hour reads 0.0 d, so two
    decimals under a day and three under 0.005 d."""
    shortest = days.abs().filter(days.abs() > 0).min()
    if printf is None or shortest is None or shortest >= 1:
        return printf
    return re.sub(r"\.\d+f", ".2f" if shortest >= 0.005 else ".3f", printf)


def table(frame: pl.DataFrame, file_name: str, labels: Mapping[str, str] | None = None,
          formats: Mapping[str, str] | None = None, column_order: list[str] | None = None,
          links: Mapping[str, str] | None = None, select: Mapping | None = None, wrap: Sequence[str] = ()) -> None:
    """A table with a CSV download of the same rows; ``labels`` rename columns for display and CSV.

    Every number reads the same way (ui/format.py): thousands separators (integer columns ``%,d``, a printf
    ``formats`` entry gets the separator added), p-value columns as ``< 0.001``, a missing cell as ``—``
    (never ``None``). The CSV keeps the unrounded numbers. ``column_order`` (original names) shows those
    columns first, so the ones that matter are visible on a narrow screen. ``links`` ({column: text shown}) draws a
    column of relative URLs as links with that text. ``select`` (``on_select``, ``selection_mode``, ``key``: e.g.
    ui.drill.filter_on_row) makes rows selectable. ``wrap`` names long text columns (a path, a transition's ends):
    they share WRAP_WIDTH_PX, pinned at the left, and their text wraps in taller rows, so the numbers beside them
    show on a phone (sized to its longest value, a path column took a phone's whole width).
    """
    labels = {k: v for k, v in (labels or {}).items() if k in frame.columns}
    shown = frame.rename(labels)
    converted, labels, in_days = _durations_in_days(fmt.p_columns(frame), labels)
    display = converted.rename(labels)
    config = {}
    for column, dtype in frame.schema.items():
        if column in fmt.P_COLUMNS and dtype.is_numeric():
            config[labels.get(column, column)] = st.column_config.TextColumn(alignment="right")
            continue
        if not dtype.is_numeric():
            continue
        printf = fmt.printf((formats or {}).get(column), dtype)
        if column in in_days:
            printf = _duration_format(printf, converted[column])
        if printf is not None:
            config[labels.get(column, column)] = st.column_config.NumberColumn(format=printf)
    for column, shown_text in (links or {}).items():
        if column in frame.columns:
            config[labels.get(column, column)] = st.column_config.LinkColumn(display_text=shown_text)
    wrap = [c for c in wrap if c in frame.columns]
    for column in wrap:
        config[labels.get(column, column)] = st.column_config.TextColumn(width=WRAP_WIDTH_PX // len(wrap), pinned=True)
    # taller rows only where a value is wider than its column (stage names fit on one line; paths do not)
    wrapping = any(text_units(v) * PX_PER_UNIT > WRAP_WIDTH_PX // len(wrap) - CELL_PADDING_PX
                   for c in wrap for v in frame[c].drop_nulls().cast(pl.String).to_list())
    order = None
    if column_order:
        first = [labels.get(c, c) for c in column_order if c in frame.columns]
        order = first + [c for c in display.columns if c not in first]
    st.dataframe(display, hide_index=True, width="stretch", column_config=config or None, column_order=order,
                 placeholder=fmt.MISSING, row_height=WRAP_ROW_PX if wrapping else None, **(select or {}))
    # The CSV is made when clicked (a callable), so no copy of the data waits under a /media URL.
    st.download_button(t("download_csv"), audit.exported(file_name, None, lambda: csv_bytes(shown), shown.height),
                       file_name=file_name, mime="text/csv",
                       icon=":material/download:", key=f"download:{file_name}", on_click="ignore")
