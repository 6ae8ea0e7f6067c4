"""Page helpers: the empty-result message, error boxes in place of a failed part, n captions, tables with CSV.

Every table a page shows goes through ``table`` (so it has a CSV download, made only when clicked, with
formula injection neutralised); every chart sits in ``with guard():`` (so a failure shows an error box, not a dead page).
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator, Mapping

import polars as pl
import streamlit as st

from errors import CacheError, DataError
from store import Dataset, Filters
from ui import data, text
from ui import format as fmt
from ui.i18n import t

log = logging.getLogger("cxlens.ui")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# Streamlit leaves 6rem above the first element for its header; the header here holds only the top navigation
# (about 3.75rem), so the rest was empty space above every page title.
_PAGE_CSS = "<style>.stMainBlockContainer{padding-top:4.5rem}</style>"


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


def chart(figure, **kwargs) -> None:
    """Draw a Plotly figure across the column, without Plotly's toolbar (it covers chart titles on a phone)."""
    st.plotly_chart(figure, width="stretch", config={"displayModeBar": False, "displaylogo": False}, **kwargs)


def stop_if_empty(ds: Dataset, f: Filters) -> None:
    """When the filters select no journey: one st.info naming the filter(s) to relax, then stop the page."""
    if data.totals(ds, f)["journeys"] > 0:
        return
    names = [t("date_range") if n == "dates" else (t(n) if n in ("persona", "channel", "stage", "keyword") else text.md(n))
             for n in data.relaxations(ds, f)]
    if names:
        st.info(t("nothing_matches", filters=t("or").join(names)))
    else:
        st.info(t("nothing_matches_any"))
    st.stop()


def n_caption(journeys: int | None = None, answers: int | None = None, ratings: int | None = None,
              low_sample: bool = True) -> None:
    """A caption with the chart's n (journeys, answers, ratings) and, with ``low_sample``, the marking legend."""
    parts = []
    if journeys is not None:
        parts.append(t("n_journeys", n=f"{journeys:,}"))
    if answers is not None:
        parts.append(t("n_answers", n=f"{answers:,}"))
    if ratings is not None:
        parts.append(t("n_ratings", n=f"{ratings:,}"))
    if low_sample:
        parts.append(t("low_sample_note", min=data.min_sample()))
    st.caption(" · ".join(parts))


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with BOM, so Excel reads Korean), text cells that start a formula prefixed with '."""
    text_columns = [c for c, dtype in frame.schema.items() if dtype == pl.String]
    safe = frame.with_columns(
        pl.when(_any_start(c)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text_columns
    )
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    safe.write_csv(buffer)
    return buffer.getvalue()


def _any_start(column: str) -> pl.Expr:
    expr = pl.lit(False)
    for prefix in _FORMULA_START:
        expr = expr | pl.col(column).str.starts_with(prefix)
    return expr


def table(frame: pl.DataFrame, file_name: str, labels: Mapping[str, str] | None = None,
          formats: Mapping[str, str] | None = None, column_order: list[str] | None = None) -> None:
    """A table with a CSV download of the same rows; ``labels`` rename columns for display and CSV.

    Every number reads the same way (ui/format.py): thousands separators (integer columns ``%,d``, a printf
    ``formats`` entry gets the separator added), p-value columns as ``< 0.001``, a missing cell as ``—``
    (never ``None``). The CSV keeps the unrounded numbers. ``column_order`` (original names) shows those
    columns first, so the ones that matter are visible on a narrow screen.
    """
    labels = {k: v for k, v in (labels or {}).items() if k in frame.columns}
    shown = frame.rename(labels)
    display = fmt.p_columns(frame).rename(labels)
    config = {}
    for column, dtype in frame.schema.items():
        if column in fmt.P_COLUMNS and dtype.is_numeric():
            config[labels.get(column, column)] = st.column_config.TextColumn(alignment="right")
            continue
        if not dtype.is_numeric():
            continue
        printf = fmt.printf((formats or {}).get(column), dtype)
        if printf is not None:
            config[labels.get(column, column)] = st.column_config.NumberColumn(format=printf)
    order = None
    if column_order:
        first = [labels.get(c, c) for c in column_order if c in frame.columns]
        order = first + [c for c in display.columns if c not in first]
    st.dataframe(display, hide_index=True, width="stretch", column_config=config or None, column_order=order,
                 placeholder=fmt.MISSING)
    # The CSV is made when clicked (a callable), so no copy of the data waits under a /media URL (issue 18.8).
    st.download_button(t("download_csv"), lambda: csv_bytes(shown), file_name=file_name, mime="text/csv",
                       icon=":material/download:", key=f"download:{file_name}", on_click="ignore")
