"""Drill-down: the chart element a user clicked (a path or a transition) and the journey opened, kept in the
session and mirrored in the URL; and the other pages' clicks (a funnel bar, a heatmap cell, a driver, a pain point)
that filter the dashboard, or open the Journeys page (a handoff).

URL parameters: ``drill_kind`` (stage or channel; touchpoint for a transition), ``drill_path`` (repeated: the path's values in order) or
``drill_from`` and ``drill_to`` (a transition), and ``journey`` (the episode shown). ui.state keeps these
parameters when it rewrites the filters into the URL (``KEPT_PARAMS``).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from i18n import t
from ui import text
from ui.charts.style import unwrap
from ui.state import keep_filter_values, widget_key

KINDS = ("stage", "channel")  # of a path (store.paths.KINDS)
MAP_KINDS = (*KINDS, "touchpoint")  # of a transition (store.paths.MAP_KINDS)
PARAMS = ("drill_kind", "drill_path", "drill_from", "drill_to", "journey")
_KEY = "drill"
_JOURNEY = "drill.journey"


@dataclass(frozen=True)
class Drill:
    """A clicked path (``values``, kind stage or channel) or transition (``start`` → ``end``, kind stage, channel or
    touchpoint)."""

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
    if kind not in MAP_KINDS:
        return None, journey
    start, end = (params.get("drill_from") or [None])[-1], (params.get("drill_to") or [None])[-1]
    if start and end:
        return Drill(kind, start=start, end=end), journey
    if kind not in KINDS:  # touchpoints have transitions, not paths
        return None, journey
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


def list_key(*state: object, prefix: str = "journeys.list") -> str:
    """A widget key for a journey list (or another table, ``prefix``) that changes with ``state`` (filters,
    selection, order): a new list starts without a selected row, instead of opening whichever journey lands on
    the old row."""
    return prefix + "." + hashlib.sha1(repr(state).encode()).hexdigest()[:12]


# --- drill-down hooks on the other pages' charts and tables: a click filters the dashboard to the clicked group
_FILTERED = "drill.filtered"  # ((filter name, value), ...) a click set: what the main area's notice names
_GOTO = "drill.goto"  # a click asked for the Journeys page (a handoff's journeys)
JOURNEYS_PAGE = Path(__file__).resolve().parents[1] / "pages" / "journeys.py"  # absolute: AppTest's entry differs


def _label_value(label: object) -> str:
    """A chart category label back as the data value: ui.text.plot escapes it and ui.chart_style.wrap may break it
    into lines (ui.chart_style.unwrap joins them again)."""
    return html.unescape(unwrap(str(label)))


def _points(key: str) -> list[dict]:
    return ((st.session_state.get(key) or {}).get("selection") or {}).get("points") or []


def _set_filters(chosen: tuple[tuple[str, str], ...]) -> None:
    """Each (filter, value) of ``chosen`` becomes the only value of its sidebar filter (so the URL carries it); the
    notice keeps naming a filter an earlier click set that this one leaves alone (a cell's channel, then a pain
    point's stage)."""

    if not chosen:
        return
    names = {name for name, _ in chosen}
    earlier = tuple(pair for pair in active_filters() if pair[0] not in names)  # an earlier click's other filter
    for name, value in chosen:
        st.session_state[widget_key(name)] = [value]
    st.session_state[_FILTERED] = earlier + chosen


def filter_on_click(name: str, axis: str, key: str) -> dict:
    """Keyword arguments for ``layout.chart`` that make a click on a bar filter the dashboard to its category:
    the ``axis`` (x or y) label of the clicked point becomes the only value of filter ``name`` (stage or
    channel), as if chosen in the sidebar (so the URL carries it too)."""
    def apply() -> None:
        points = _points(key)
        if points and points[0].get(axis) is not None:
            _set_filters(((name, _label_value(points[0][axis])),))

    return {"on_select": apply, "selection_mode": "points", "key": key}


def on_click_label(axis: str, key: str, then: Callable[[str], None]) -> dict:
    """Keyword arguments for ``layout.chart`` that make a click on a bar call ``then`` with the ``axis`` (x or y)
    label of the clicked point, as the data value (a VoC keyword bar opens the comments that use the word)."""
    def apply() -> None:
        points = _points(key)
        if points and points[0].get(axis) is not None:
            then(_label_value(points[0][axis]))

    return {"on_select": apply, "selection_mode": "points", "key": key}


def clicked_values(points: list[dict], names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(name, value) pairs of the first clicked point whose ``customdata`` starts with one value per name, as label
    text (ui.chart_style.click_layer carries them so); none when nothing was clicked or the point has no values (a blank
    cell)."""
    custom = (points[0].get("customdata") if points else None) or []
    values = [custom[i] if i < len(custom) else None for i in range(len(names))]
    if not all(isinstance(v, str) and v for v in values):
        return ()
    return tuple((name, _label_value(v)) for name, v in zip(names, values, strict=True))


def filter_on_cell(names: tuple[str, ...], key: str) -> dict:
    """Keyword arguments for ``layout.chart`` that make a click on a chart point (a heatmap cell of
    ``journey_map_charts.heatmap``, a driver of ``driver_charts.importance_performance``) filter the dashboard to the values its
    ``customdata`` carries, one per filter of ``names`` (e.g. ("stage", "channel"): both filters at once)."""
    def apply() -> None:
        _set_filters(clicked_values(_points(key), names))

    return {"on_select": apply, "selection_mode": "points", "key": key}


def filter_on_row(rows: list[dict[str, str | None]], key: str) -> dict:
    """Keyword arguments for ``layout.table`` that make a selected row filter the dashboard: ``rows[i]`` maps
    filter names to row i's values (e.g. a pain point's stage and channel: {"stage": "가입", "channel": None});
    each value that is there becomes the only value of its filter."""
    def apply() -> None:
        picked = ((st.session_state.get(key) or {}).get("selection") or {}).get("rows") or []
        if picked and 0 <= picked[0] < len(rows):
            _set_filters(tuple((name, value) for name, value in rows[picked[0]].items() if value))

    return {"on_select": apply, "selection_mode": "single-row", "key": key}


def journeys_on_cell(kind: str, key: str) -> dict:
    """Keyword arguments for ``layout.chart`` that make a click on a from → to cell (``channel_charts.handoff_heatmap``,
    whose ``customdata`` starts with from and to) open the Journeys page listing the journeys that take that
    transition of ``kind`` (``follow`` does the switch on the next run)."""
    def apply() -> None:

        pairs = clicked_values(_points(key), ("from", "to"))
        if pairs:
            # st.switch_page starts the page afresh: the sidebar widgets would take their defaults (a date input's
            # is today, clamped to the data's last day) unless their values are set through st.session_state
            keep_filter_values()
            select(Drill(kind, start=pairs[0][1], end=pairs[1][1]))
            st.session_state["journeys.kind"] = kind  # the Journeys page shows paths of the drill's kind
            st.session_state[_GOTO] = key

    return {"on_select": apply, "selection_mode": "points", "key": key}


def follow() -> None:
    """Switch to the Journeys page when a click asked for it (``journeys_on_cell``), with the filters and the
    drill-down in its URL. Call it at the top of the page that has the clickable chart."""
    key = st.session_state.pop(_GOTO, None)
    if key is None:
        return
    st.session_state.pop(key, None)  # coming back, the chart starts without a clicked cell
    kept = {k: st.query_params.get_all(k) for k in st.query_params if k not in PARAMS}
    st.switch_page(JOURNEYS_PAGE, query_params={**kept, **to_params(st.session_state.get(_KEY), None)})


def _unfilter(chosen: tuple[tuple[str, str], ...], chart_keys: tuple[str, ...]) -> None:

    for name, value in chosen:
        key = widget_key(name)
        st.session_state[key] = [v for v in st.session_state.get(key) or [] if v != value]
    st.session_state.pop(_FILTERED, None)
    for chart in chart_keys:
        st.session_state.pop(chart, None)


def active_filters() -> tuple[tuple[str, str], ...]:
    """The (filter, value) pairs a click set that the sidebar still has (a value removed there is no longer the
    click's doing)."""

    chosen = st.session_state.get(_FILTERED) or ()
    return tuple((name, value) for name, value in chosen if value in (st.session_state.get(widget_key(name)) or []))


def notice_text(chosen: tuple[tuple[str, str], ...], lang: str | None = None) -> str:
    """The notice's sentence for (filter, value) pairs, in ``lang`` (default: the UI language): "Filtered to Stage
    가입 and Channel 앱 by a click on a chart." (values shown as typed)."""
    parts = [t("chart_filter_part", lang, what=t(name, lang), value=text.md(value)) for name, value in chosen]
    return t("chart_filter", lang, choice=t("and", lang).join(parts))


def filter_notice(chart_keys: tuple[str, ...] = ()) -> None:
    """In the main area, the filters a click set (while the sidebar still has them), with one click to clear them
    all and a link to the journeys they select; ``chart_keys`` are the charts and tables whose selection the clear
    button forgets."""
    chosen = active_filters()
    if not chosen:
        return
    box, actions = st.columns([4, 2], vertical_alignment="center")
    box.info(notice_text(chosen), icon=":material/filter_alt:")
    actions.button(t("drill_clear"), on_click=_unfilter, args=(chosen, chart_keys), icon=":material/close:",
                   key="drill.unfilter", width="stretch")
    # the journeys behind the clicked cell or bar, with their comments (the filters go with the page)
    actions.page_link(JOURNEYS_PAGE, label=t("drill_see_journeys"), icon=":material/timeline:", width="stretch")
