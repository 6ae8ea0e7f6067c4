"""Drill-down: the chart element a user clicked (a path or a transition) and the journey opened, kept in the
session and mirrored in the URL.

URL parameters: ``drill_kind`` (stage or channel), ``drill_path`` (repeated: the path's values in order) or
``drill_from`` and ``drill_to`` (a transition), and ``journey`` (the episode shown). ui.state keeps these
parameters when it rewrites the filters into the URL (``KEPT_PARAMS``).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

KINDS = ("stage", "channel")
PARAMS = ("drill_kind", "drill_path", "drill_from", "drill_to", "journey")
_KEY = "drill"
_JOURNEY = "drill.journey"


@dataclass(frozen=True)
class Drill:
    """A clicked path (``values``) or transition (``start`` → ``end``) of ``kind`` (stage or channel)."""

    kind: str
    values: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None

    @property
    def is_transition(self) -> bool:
        return self.start is not None

    def path_arg(self) -> tuple[str, tuple[str, ...]] | None:
        return None if self.is_transition else (self.kind, self.values)

    def transition_arg(self) -> tuple[str, str, str] | None:
        return (self.kind, self.start, self.end) if self.is_transition else None


def parse(params: dict[str, list[str]]) -> tuple[Drill | None, str | None]:
    """(drill, journey id) from URL parameters (each a list of values); anything incomplete is no drill."""
    kind = (params.get("drill_kind") or [None])[-1]
    journey = (params.get("journey") or [None])[-1] or None
    if kind not in KINDS:
        return None, journey
    start, end = (params.get("drill_from") or [None])[-1], (params.get("drill_to") or [None])[-1]
    if start and end:
        return Drill(kind, start=start, end=end), journey
    values = tuple(v for v in params.get("drill_path", ()) if v)
    return (Drill(kind, values=values) if values else None), journey


def to_params(drill: Drill | None, journey: str | None) -> dict[str, list[str] | str]:
    """The URL parameters of ``drill`` and ``journey`` (none for what is not set)."""
    out: dict[str, list[str] | str] = {}
    if drill is not None:
        out["drill_kind"] = drill.kind
        if drill.is_transition:
            out["drill_from"], out["drill_to"] = drill.start, drill.end
        else:
            out["drill_path"] = list(drill.values)
    if journey:
        out["journey"] = journey
    return out


def _init() -> None:
    if _KEY not in st.session_state:  # first run of the session: the link decides
        drill, journey = parse({k: st.query_params.get_all(k) for k in PARAMS})
        st.session_state[_KEY] = drill
        st.session_state[_JOURNEY] = journey


def _sync() -> None:
    for key in PARAMS:
        if key in st.query_params:
            del st.query_params[key]
    for key, value in to_params(st.session_state.get(_KEY), st.session_state.get(_JOURNEY)).items():
        st.query_params[key] = value


def current() -> Drill | None:
    """The active drill-down of this session (None when nothing is selected); keeps the URL in step."""
    _init()
    _sync()
    return st.session_state[_KEY]


def journey() -> str | None:
    """The journey whose episode is open (None when none)."""
    _init()
    return st.session_state[_JOURNEY]


def select(drill: Drill | None) -> None:
    """Make ``drill`` the active selection (None clears it); the open episode closes."""
    st.session_state[_KEY] = drill
    st.session_state[_JOURNEY] = None
    _sync()


def open_journey(journey_id: str | None) -> None:
    st.session_state[_JOURNEY] = journey_id
    _sync()


def clear(chart_keys: tuple[str, ...] = ()) -> None:
    """Clear the selection and the open episode, and the selections of the charts ``chart_keys`` (a button's
    on_click: a chart still showing its clicked bar would contradict the cleared selection)."""
    for key in chart_keys:
        st.session_state.pop(key, None)
    select(None)


def list_key(*state: object) -> str:
    """A widget key for a journey list that changes with ``state`` (filters, selection, order): a new list
    starts without a selected row, instead of opening whichever journey lands on the old row."""
    return "journeys.list." + hashlib.sha1(repr(state).encode()).hexdigest()[:12]


# --- drill-down hooks on the other pages' charts: a click filters the dashboard to the clicked group
_FILTERED = "drill.filtered"


def _label_value(label: object) -> str:
    """A chart category label back as the data value: ui.text.plot escapes it and ui.charts.wrap may break it
    at spaces with <br>."""
    return html.unescape(str(label).replace("<br>", " "))


def filter_on_click(name: str, axis: str, key: str) -> dict:
    """Keyword arguments for ``layout.chart`` that make a click on a bar filter the dashboard to its category:
    the ``axis`` (x or y) label of the clicked point becomes the only value of filter ``name`` (stage or
    channel), as if chosen in the sidebar (so the URL carries it too)."""
    from ui.state import widget_key  # (ui.state imports nothing from here; imported late to keep this light)

    def apply() -> None:
        points = ((st.session_state.get(key) or {}).get("selection") or {}).get("points") or []
        if points and points[0].get(axis) is not None:
            value = _label_value(points[0][axis])
            st.session_state[widget_key(name)] = [value]
            st.session_state[_FILTERED] = (name, value)

    return {"on_select": apply, "selection_mode": "points", "key": key}


def _unfilter(name: str, value: str, chart_keys: tuple[str, ...]) -> None:
    from ui.state import widget_key

    key = widget_key(name)
    st.session_state[key] = [v for v in st.session_state.get(key) or [] if v != value]
    st.session_state.pop(_FILTERED, None)
    for chart in chart_keys:
        st.session_state.pop(chart, None)


def filter_notice(label: Callable[[str, str], str], clear_label: str, chart_keys: tuple[str, ...] = ()) -> None:
    """In the main area, the filter a chart click set (while the sidebar still has it), with one click to clear.

    ``label(name, value)`` is the sentence shown; ``clear_label`` the button's text."""
    from ui.state import widget_key

    chosen = st.session_state.get(_FILTERED)
    if not chosen or chosen[1] not in (st.session_state.get(widget_key(chosen[0])) or []):
        return
    box, button = st.columns([5, 1], vertical_alignment="center")
    box.info(label(*chosen), icon=":material/filter_alt:")
    button.button(clear_label, on_click=_unfilter, args=(*chosen, chart_keys), icon=":material/close:",
                  key="drill.unfilter", width="stretch")
