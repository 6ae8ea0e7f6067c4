"""Figures kept per (builder, arguments, UI language): a rerun that draws the same chart again takes it from here.

Streamlit runs the whole page on every interaction, and building a Plotly figure validates every value of every
trace (the weekly NPS of the sample: about 0.1 s, more than the rest of the overview's rerun). The figure data comes
from ``ui.data``'s cache, so a rerun on a selection already seen (a filter cleared again, a page seen again, a widget
that changes nothing in the chart) would build the same figure. ``memoised`` keeps each builder's figure as its
plain dict (``Figure.to_dict``, validated when it was built) and gives every caller a figure of its own made from a
copy of that dict without validating it again: the same JSON reaches the browser, and a caller may still change it
(``layout.localise``, a page's ``update_layout``). A figure built with ``make_subplots`` and changed by row and column
afterwards cannot come from here (the dict holds no subplot grid): such a composition is memoised whole.

Arguments are keyed by value: polars frames by a digest of their Arrow IPC bytes, mappings and sequences item by
item, scalars with their type. A call with any other kind of argument is built as before, not kept.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import plotly.graph_objects as go
import polars as pl

from i18n import current_lang

MAX_FIGURES = 512  # a figure's dict of aggregated data is tens of KiB at most
_FIGURES: OrderedDict[tuple, dict] = OrderedDict()
_LOCK = threading.Lock()


class _Unkeyable(Exception):
    """An argument this cache cannot key by value."""


def _digest(frame: pl.DataFrame) -> str:
    return hashlib.blake2b(frame.write_ipc(None).getvalue(), digest_size=20).hexdigest()


def key(value: Any) -> Any:
    """``value`` as a hashable key equal for equal values (a frame by its content); _Unkeyable otherwise."""
    if value is None or isinstance(value, str | bool | int | float | dt.date | dt.datetime | dt.timedelta):
        return type(value).__name__, value
    if isinstance(value, pl.DataFrame):
        return "frame", _digest(value)
    if isinstance(value, pl.Series):
        return "series", value.name, _digest(value.to_frame())
    if isinstance(value, Mapping):
        return "mapping", tuple((key(k), key(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return type(value).__name__, tuple(key(v) for v in value)
    raise _Unkeyable(type(value).__name__)


def memoised(builder: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """``builder`` with its figures kept per (arguments, UI language): each call returns a new figure (see the module's
    docstring), equal to the one ``builder`` would build."""

    @functools.wraps(builder)
    def wrapper(*args, **kwargs) -> go.Figure:
        try:
            cache_key = (builder.__module__, builder.__qualname__, current_lang(), key(args), key(kwargs))
        except _Unkeyable:
            return builder(*args, **kwargs)
        with _LOCK:
            spec = _FIGURES.get(cache_key)
            if spec is not None:
                _FIGURES.move_to_end(cache_key)
        if spec is None:
            spec = builder(*args, **kwargs).to_dict()
            with _LOCK:
                _FIGURES[cache_key] = spec
                while len(_FIGURES) > MAX_FIGURES:
                    _FIGURES.popitem(last=False)
        return go.Figure(copy.deepcopy(spec), _validate=False)

    return wrapper


def clear() -> None:
    """Forget every kept figure (tests)."""
    with _LOCK:
        _FIGURES.clear()
