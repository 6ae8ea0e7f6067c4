"""The one line above every page naming the filters that narrow its data, with a button that clears them all
(on a phone the sidebar, where the filters are set, is hidden)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from i18n import column_label, t
from store import Dataset, Filters
from ui import state, text

_LISTED = ("persona", "channel", "stage")


def _name(dimension: str, lang: str | None) -> str:
    return t(dimension, lang) if dimension in _LISTED else text.md(column_label(dimension, lang))


def scope_text(scope: tuple[tuple[str, tuple[str, ...]], ...], lang: str | None = None) -> str:
    """A signed-in person's scope as "name: values" parts in ``lang`` (Markdown, values escaped): "Region: 서울"."""
    return " · ".join(t("filter_line_part", lang, name=_name(name, lang), values=", ".join(text.md(v) for v in values))
                      for name, values in scope)


def parts(f: Filters, lang: str, dates: tuple[dt.date, dt.date]) -> list[str]:
    """Each active filter of ``f`` as "name: values" in ``lang`` (Markdown, values escaped); an open end of the
    period is the data's first or last date (``dates``). A dimension holding just the person's scope is not a filter
    (clearing it would change nothing): the sidebar names the scope."""
    out = []
    if f.since or f.until:
        out.append(t("filter_line_dates", lang, since=f.since or dates[0], until=f.until or dates[1]))
    scope = dict(f.scope)
    named = [(name, getattr(f, name)) for name in _LISTED] + list(f.dims)
    named = [(_name(name, lang), values) for name, values in named if tuple(values) != scope.get(name)]
    named += [(t("keyword", lang), f.keyword)]
    for name, values in named:
        if values:
            out.append(t("filter_line_part", lang, name=name, values=", ".join(text.md(v) for v in values)))
    if f.path_contains:
        out.append(t("filter_line_part", lang, name=t("path_contains", lang),
                     values=" > ".join(text.md(v) for v in f.path_contains)))
    return out


def sentence(f: Filters, lang: str, dates: tuple[dt.date, dt.date]) -> str | None:
    """The line naming the active filters (None when no filter is set)."""
    named = parts(f, lang, dates)
    return t("filter_line", lang, filters=" · ".join(named)) if named else None


def show(ds: Dataset, f: Filters, lang: str, dates: tuple[dt.date, dt.date]) -> None:
    """Draw the line and its clear-all button above the page (nothing when no filter is set)."""
    line = sentence(f, lang, dates)
    if line is None:
        return
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.caption(":material/filter_alt: " + line, width="content")
    row.button(t("filter_line_clear", lang), key="filter_line.clear", type="tertiary", icon=":material/close:",
               on_click=state.clear_filters, args=(ds.dims,))
