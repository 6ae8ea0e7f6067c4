"""Filter state: the sidebar widgets, ``st.session_state["filters"]`` and the URL query string, kept in step.

The URL is read once per session (the shared link) and rewritten on every run from the widgets, so
a copied link reproduces the view. Parameters: ``since``, ``until`` (YYYY-MM-DD, inclusive),
``persona``, ``channel``, ``stage`` (repeat the key for several values), every extra dimension by
its column name, and ``lang``. A value the data does not have, a malformed date or a start after
the end never fails: it is ignored, clamped or swapped, with a warning.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from i18n import DEFAULT_LANG, LANGUAGES, column_label, t
from store import Dataset, Filters
from ui import text

MULTI = ("persona", "channel", "stage")
KEPT_PARAMS = ("drill_kind", "drill_path", "drill_from", "drill_to", "journey")  # ui.drill's, not filters
KEYWORD_MAX = 20  # keywords a link may select
_PREFIX = "filter."  # widget keys: filter.since, filter.persona, filter.dim.<column>, …
Warning_ = tuple[str, dict]  # (i18n key, values): translated when shown, in the session's language


def _as_text(values: dict) -> dict:
    """Link values shown as typed (ui.text.md): a crafted link must not draw a link, an image or bold text
    inside the dashboard's own warning."""
    return {k: text.md(v) if isinstance(v, str) else v for k, v in values.items()}


def widget_key(name: str, dims: Sequence[str] = ()) -> str:
    """The session-state key of the widget for filter ``name`` (a dimension's column name for dims)."""
    return _PREFIX + ("dim." if name in dims and name not in MULTI else "") + name


def parse_query(params: Mapping[str, Sequence[str]], options: Mapping[str, Sequence], dims: Sequence[str]
                ) -> tuple[dict, list[Warning_]]:
    """Filter values from URL parameters (each a list of values), checked against ``options``.

    ``options`` is store.queries.filter_options: the values of persona, channel, stage, each dim,
    and ``dates`` = [first, last] date of the data. Returns ({name: value}, warnings): since/until
    as dates or None, the others as lists of known values.
    """
    values: dict = {}
    warnings: list[Warning_] = []
    params = _nfc_params(params)
    lo, hi = options["dates"]
    for name in ("since", "until"):
        raw = [v for v in params.get(name, ()) if v]
        values[name] = None
        if not raw:
            continue
        try:
            day = dt.date.fromisoformat(raw[-1])
        except ValueError:
            warnings.append(("warn_bad_date", {"param": name, "value": raw[-1]}))
            continue
        used = min(max(day, lo), hi)
        if used != day:
            warnings.append(("warn_date_clamped", {"param": name, "value": raw[-1], "lo": lo, "hi": hi, "used": used}))
        values[name] = used
    if values["since"] and values["until"] and values["since"] > values["until"]:
        values["since"], values["until"] = values["until"], values["since"]
        warnings.append(("warn_swapped", {"since": values["since"], "until": values["until"]}))
    for name in MULTI + tuple(dims):
        known = set(options.get(name, ()))
        chosen: list[str] = []
        for v in params.get(name, ()):
            if v in known:
                if v not in chosen:
                    chosen.append(v)
            elif v and ("warn_unknown_value", {"param": name, "value": v}) not in warnings:
                # a link repeating one bad value (up to Streamlit's 1000 parameters) warns once, not 1000 times
                warnings.append(("warn_unknown_value", {"param": name, "value": v}))
        values[name] = chosen
    # Any word may be a keyword (one the comments never use selects no journey, and the page says so).
    values["keyword"] = list(dict.fromkeys(v.strip() for v in params.get("keyword", ()) if v.strip()))[:KEYWORD_MAX]
    values["path_contains"] = ">".join(path_values((params.get("path_contains") or [""])[-1]))
    return values, warnings


def _nfc_params(params: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """URL parameters with names and values in Unicode NFC, as the data is (ingest and the store normalise it):
    a link typed on macOS (decomposed Hangul, NFD) selects the same stage as one typed on Windows."""
    out: dict[str, list[str]] = {}
    for key, vals in params.items():
        out.setdefault(unicodedata.normalize("NFC", key), []).extend(
            unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in vals)
    return out


def query_string_values(f: Filters, lang: str, personas: str = "data") -> dict[str, list[str] | str]:
    """The URL parameters that reproduce ``f``, ``lang`` and the persona source (empty filters, the default
    language and the data's own personas left out)."""
    out: dict[str, list[str] | str] = {}
    if personas != "data":
        out["personas"] = personas
    if f.since:
        out["since"] = f.since.isoformat()
    if f.until:
        out["until"] = f.until.isoformat()
    for name in MULTI:
        if getattr(f, name):
            out[name] = list(getattr(f, name))
    for column, chosen in f.dims:
        if column not in out:
            out[column] = list(chosen)
    if f.keyword:
        out["keyword"] = list(f.keyword)
    if f.path_contains:
        out["path_contains"] = ">".join(f.path_contains)
    if lang != DEFAULT_LANG:
        out["lang"] = lang
    return out


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


# The persona source: the data's own column, or personas derived from behaviour (k automatic or 2-8).
PERSONA_SOURCES = ("data", "auto") + tuple(str(k) for k in range(2, 9))


def init_persona_source() -> str:
    """``st.session_state["personas"]`` (one of PERSONA_SOURCES), set from ``?personas=`` once per session; an
    unknown value falls back to the data's own column with a warning. Call it before the dataset is opened."""
    warnings: list[Warning_] = []
    if "personas" not in st.session_state:
        requested = (st.query_params.get_all("personas") or ["data"])[-1]
        if requested not in PERSONA_SOURCES:
            warnings.append(("warn_unknown_personas", {"value": requested}))
            requested = "data"
        st.session_state["personas"] = requested
    _show_link_warnings("personas", warnings)
    return st.session_state["personas"]


def _persona_source_label(value: str, lang: str) -> str:
    if value == "data":
        return t("persona_source_data", lang)
    return t("persona_source_auto", lang) if value == "auto" else t("persona_source_k", lang, k=value)


def language_switch() -> str:
    """The sidebar language switch (``st.session_state["lang"]``), initialised from ``?lang=`` once per session."""
    warnings: list[Warning_] = []
    if "lang" not in st.session_state:
        requested = (st.query_params.get_all("lang") or [DEFAULT_LANG])[-1]
        if requested not in LANGUAGES:
            warnings.append(("warn_unknown_lang", {"value": requested}))
            requested = DEFAULT_LANG
        st.session_state["lang"] = requested
    st.sidebar.segmented_control(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang",
                                 required=True)
    _show_link_warnings("lang", warnings)
    return st.session_state["lang"]


_LINK_WARNINGS = "link_warnings"  # session state: {part of the link: its warnings}, kept while the link's view is shown


_LINK_PARTS = ("lang", "personas", "filters")


def _show_link_warnings(part: str, new: list[Warning_]) -> None:
    """Show and keep the warnings ``new`` of ``part`` (one of _LINK_PARTS) of the link opened in this run.

    filter_panel shows the kept ones again on every later run until the filters differ from the link's, then forgets
    them: a rerun of the same view (the late facts arriving, a language switch) does not take them away unread."""
    if new:
        st.session_state.setdefault(_LINK_WARNINGS, {})[part] = list(new)
    _warn(new)


def _warn(warnings: Sequence[Warning_]) -> None:
    """Each warning (a catalog key and its values) as a warning box, in the page's language."""
    for key, values in warnings:
        st.warning(t(key, **_as_text(values)))


def translated_choice(draw: Callable, label: str, options: Sequence, key: str, labels: Callable[[Any], str],
                      default: Any = None, on_change: Callable | None = None, args: tuple = (), **kwargs) -> Any:
    """Draw a choice widget (``st.selectbox``, ``st.segmented_control``, ``st.multiselect``, in the sidebar or a
    column) whose option labels are translated, keeping its value in ``st.session_state[key]`` across languages.

    The browser sends a choice back as its label: after a language switch it answers with the other language's
    label, which matches no option (a select box returns that label as the value, a segmented control or a
    multiselect drops it). So each language draws its own widget (key ``<key>@<lang>``), set from the shared
    value on every run; ``default`` is the value while ``key`` has none (or one no longer among ``options``).
    """
    lang = st.session_state.get("lang", DEFAULT_LANG)
    own = f"{key}@{lang}"
    value = st.session_state.get(key, default)
    if isinstance(value, list):
        value = [v for v in value if v in options]
    elif value not in options:
        value = default if default in options else (options[0] if options else None)
    st.session_state[own] = value

    def changed() -> None:
        st.session_state[key] = st.session_state[own]
        if on_change is not None:
            on_change(*args)

    chosen = draw(label, options, format_func=labels, key=own, on_change=changed, **kwargs)
    st.session_state[key] = chosen
    return chosen


def _sanitise(options: Mapping[str, Sequence], dims: Sequence[str]) -> None:
    """Drop widget values the current data does not have (e.g. after switching datasets) and clamp dates."""
    lo, hi = options["dates"]
    for name in ("since", "until"):
        key = widget_key(name)
        day = st.session_state.get(key)
        if isinstance(day, dt.date) and not lo <= day <= hi:
            st.session_state[key] = min(max(day, lo), hi)
    for name in MULTI + tuple(dims):
        key = widget_key(name, dims)
        if key in st.session_state:
            known = set(options.get(name, ()))
            kept = [v for v in st.session_state[key] or () if v in known]
            if kept != st.session_state[key]:
                st.session_state[key] = kept


def clear_filters(dims: Sequence[str]) -> None:
    """Every filter widget back to empty (a button's callback: it runs before the panel is drawn)."""
    for name in ("since", "until"):
        st.session_state[widget_key(name)] = None
    for name in MULTI + tuple(dims):
        st.session_state[widget_key(name, dims)] = []
    st.session_state[widget_key("keyword")] = []
    st.session_state[widget_key("path_contains")] = ""


def keep_filter_values() -> None:
    """Set every filter widget's value again through ``st.session_state``, so that it survives ``st.switch_page``
    (which otherwise gives the entry script's widgets their defaults)."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(_PREFIX)]:
        st.session_state[key] = st.session_state[key]
    for key in ("lang", "personas"):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def add_keyword(keyword: str) -> None:
    """Add ``keyword`` to the keyword filter (a button's callback: it runs before the panel is drawn)."""
    chosen = list(st.session_state.get(widget_key("keyword")) or [])
    if keyword not in chosen:
        st.session_state[widget_key("keyword")] = [*chosen, keyword][:KEYWORD_MAX]


def path_values(typed: str | None) -> list[str]:
    """A typed path sequence (``앱>콜센터``) as its values in order, blanks dropped."""
    return [v.strip() for v in (typed or "").split(">") if v.strip()]


def filter_panel(ds: Dataset, options: Mapping[str, Sequence]) -> Filters:
    """The sidebar filter panel; stores the selection in ``st.session_state["filters"]`` and the URL.

    Call it from the entry script on every run (so every page shows the same panel and the values
    survive page switches). Warnings about the shared link are shown once, when it is opened.
    """
    dims = ds.dims
    warnings: list[Warning_] = []
    link: list[Warning_] = []
    first = "filters" not in st.session_state
    if first:  # first run of this session: the link decides
        values, link = parse_query(_url_params(), options, dims)
        for name, value in values.items():
            st.session_state[widget_key(name, dims)] = value
    _sanitise(options, dims)
    lo, hi = options["dates"]
    side = st.sidebar
    side.header(t("filters"))
    # One per row: two side by side cut the date and the label in a 300-px sidebar.
    since = until = None
    if not options.get("no_dates"):  # a survey without answer dates has no dates to filter by
        since = side.date_input(t("since"), min_value=lo, max_value=hi, key=widget_key("since"),
                                help=t("help_dates"), format="YYYY-MM-DD")
        until = side.date_input(t("until"), min_value=lo, max_value=hi, key=widget_key("until"),
                                help=t("help_dates"), format="YYYY-MM-DD")
    chosen = {}
    # Which persona the persona filter (and every split by persona) uses: set before the dataset was opened
    # (init_persona_source), drawn here above the persona filter it changes.
    lang = st.session_state.get("lang", DEFAULT_LANG)  # bound now: the label must not change outside this run
    translated_choice(side.selectbox, t("persona_source"), PERSONA_SOURCES, "personas",
                      lambda v: _persona_source_label(v, lang), default="data", help=t("help_persona_source"))
    survey = bool(options.get("survey"))  # a survey has one channel and no paths: neither is a filter
    for name in MULTI:
        if survey and name == "channel":
            continue
        chosen[name] = side.multiselect(t(name), options.get(name, []), key=widget_key(name),
                                        help=t("help_" + name), placeholder=t("all"))
    dim_values = {}
    for column in dims:
        dim_values[column] = side.multiselect(text.md(column_label(column)), options.get(column, []),
                                              key=widget_key(column, dims), help=t("help_dim", column=text.md(column)),
                                              placeholder=t("all"))
    chosen_keywords = st.session_state.get(widget_key("keyword")) or []
    keyword = side.multiselect(t("keyword"), list(dict.fromkeys([*chosen_keywords, *options.get("keyword", [])])),
                               key=widget_key("keyword"), help=t("help_keyword"), placeholder=t("all"),
                               accept_new_options=True, max_selections=KEYWORD_MAX)
    path = "" if survey else side.text_input(t("path_contains"), key=widget_key("path_contains"),
                                             help=t("help_path_contains"), placeholder=t("path_contains_placeholder"))
    side.button(t("reset_filters"), on_click=clear_filters, args=(dims,), width="stretch")
    if since and until and since > until:
        since, until = until, since
        warnings.append(("warn_swapped", {"since": since, "until": until}))
    f = Filters.make(since=since, until=until, dims=dim_values, keyword=keyword,
                     path_contains=path_values(path), **chosen)
    st.session_state["filters"] = f
    kept = {k: st.query_params.get_all(k) for k in KEPT_PARAMS if k in st.query_params}  # the drill-down's
    st.query_params.from_dict({**query_string_values(f, st.session_state.get("lang", DEFAULT_LANG),
                                                     st.session_state.get("personas", "data")), **kept})
    if first:
        st.session_state["link_filters"] = f
        _show_link_warnings("filters", link)
    elif st.session_state.get("link_filters") == f:  # the link's view, drawn again: its warnings again
        for part in _LINK_PARTS:
            _warn(st.session_state.get(_LINK_WARNINGS, {}).get(part, []))
    else:  # the person changed the view: the link's warnings are done
        st.session_state.pop("link_filters", None)
        st.session_state.pop(_LINK_WARNINGS, None)
    _warn(warnings)
    return f
