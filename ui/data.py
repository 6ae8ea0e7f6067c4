"""Cached data access for the pages: the session's dataset and query + metric results per (dataset version, filters).

The dataset a page works on is ``current_dataset()``: the Dataset in ``st.session_state["dataset"]``
when one was put there (an upload page does exactly that: ``st.session_state["dataset"] =
store.open_dataset(path)``), else the default source (``settings.get("data")``), opened once per
process. Every result below is cached by ``st.cache_data`` under (function, dataset version,
filters, arguments), so a filter seen before re-renders without touching DuckDB.

Every Filters a page or the dispatcher uses is inside the viewer's scope (``scoped``: ui.audit.Viewer, set by the
sign-in gate), except on an uploaded dataset, which is the viewer's own data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

import settings
from errors import DataError
from figures import channels as channels_figures
from figures import drivers as drivers_figures
from figures import duration as duration_figures
from figures import executive, privacy
from figures import journey_map as journey_map_figures
from figures import overview as overview_figures
from figures import personas as personas_figures
from figures import survey as survey_figures
from figures import weighting as weighting_figures
from i18n import Message, current_lang, t
from metrics.handoff_effect import HandoffEffect
from store import Dataset, Filters, open_dataset
from store import queries as q
from store.facts import ready
from store.facts.cache import facts_ready, facts_stamp, open_facts
from store.facts.dataset import fingerprint, resolve
from ui import audit, text
from ui.charts.style import colour_map


@st.cache_resource(show_spinner=False, max_entries=8)
def _open(source: str, stamp: str) -> Dataset:
    # ``stamp`` (the files' fingerprint) is only part of the key: a rewritten file is opened anew.
    return open_dataset(source, background=True, hold=True)  # the late outputs after the first page (page_shown)


def opening_progress(name: str):
    """A progress bar saying what is happening while a data version's journey facts are computed
    (the first load of a large dataset takes a while); returns (callback, clear)."""
    box = st.empty()

    def show(fraction: float, message: Message) -> None:  # the facts pass's step (store.facts.journey_facts)
        box.progress(min(max(fraction, 0.0), 1.0), text=t("progress_opening", name=text.md(name), step=message))

    return show, box.empty


UPLOAD_PAGE = "upload"  # the Upload page's url_path (dashboard.py)
# The late pass starts this long after the first page's run: the browser draws the charts the run sent meanwhile (on
# the machine of `make run` the pass took both cores while it drew: an upload's first overview chart came 0.5 s later).
DRAWING_SECONDS = 1.0


def page_shown(ds: Dataset, page: str | None = None) -> None:
    """The page of this run (``page``: its url_path) was drawn: the late outputs of ``ds``'s facts (and of an upload),
    held so as not to slow it down, are written now (store.facts.ready.release).

    The Upload page draws none of an upload's figures: there the upload's late outputs stay held until the next page
    (say, the overview a person opens next) is drawn, a reader needs one, or store.facts.ready.HOLD_SECONDS pass."""
    uploaded = st.session_state.get("dataset")
    kept = uploaded.facts_dir if uploaded is not None and page == UPLOAD_PAGE else None
    for facts_dir in dict.fromkeys((ds.facts_dir, *((uploaded.facts_dir,) if uploaded is not None else ()))):
        if facts_dir != kept:
            ready.release_after(facts_dir, DRAWING_SECONDS)


def late_written(ds: Dataset) -> bool:
    """Whether every late output of ``ds``'s facts is written (store.facts.ready): no background pass left."""
    return not ready.pending(ds.facts_dir, ds.late)


def late_progress(ds: Dataset) -> None:
    """While the facts pass's late outputs of ``ds`` are still being written in the background (store.facts.ready), a
    progress bar above the page saying which; it updates itself every second and goes when they are all written.
    A page reading one of them waits for it (store.facts.ready.wait); the others show at once."""
    if not ready.pending(ds.facts_dir, ds.late):
        return

    def show() -> None:
        job = ready.job(ds.facts_dir)
        todo = ready.pending(ds.facts_dir, ds.late)
        if job is None or not job.running or not todo:
            return
        total = len(ds.late)
        st.progress((total - len(todo)) / total, text=t("late_facts_progress", done=total - len(todo) + 1,
                                                        total=total, output=t(f"late_output_{todo[0]}")))

    st.fragment(show, run_every=1.0)()


@st.cache_resource(show_spinner=False, max_entries=4)
def _open_facts(facts_dir: str, stamp: str) -> Dataset:
    return open_facts(facts_dir)


def default_dataset() -> Dataset:
    """The configured facts directory (``$CXLENS_FACTS``) or source (``$CXLENS_DATA``, else the committed
    sample), opened once per process and version."""
    if settings.get("facts"):
        facts_dir = settings.get("facts")
        return _open_facts(facts_dir, facts_stamp(facts_dir))
    source = settings.get("data")
    stamp = fingerprint(resolve(source))
    if not facts_ready(stamp):
        # Computed here, outside the cached function (which may not draw), with a progress bar;
        # _open then finds the facts on disk.
        show, clear = opening_progress(Path(source).name)
        try:
            open_dataset(source, progress=show, background=True, hold=True)
        finally:
            clear()
    return _open(source, stamp)


def _through_entry() -> None:
    """Make sure this run goes through dashboard.py (its filters, navigation and gate).

    A deep link (say /channels) opened before any session of the process has run the entry
    script is run by Streamlit as the bare page file: a folder named ``pages/`` switches on its
    legacy multipage mode until ``st.navigation`` runs once. Switch that mode off and rerun, so
    the entry script runs and routes to the page asked for. (That first run finds the page by its
    file name, so every page's url_path equals its file name.)
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_dataset() -> Dataset:
    """The dataset of this session: ``st.session_state["dataset"]`` if set (an upload), else the default; viewed
    through the derived personas when the sidebar's persona source says so (``st.session_state["personas"]``)."""
    _through_entry()
    ds = st.session_state.get("dataset")
    base = ds if ds is not None else default_dataset()
    source = st.session_state.get("personas", "data")
    if source == "data" or (ds is None and "persona" in dict(audit.viewer().scope)):
        return base  # a scope on the data's own persona column: derived personas would step around it

    k = None if source == "auto" else int(source)
    features = tuple(st.session_state.get("persona_features") or ())
    try:
        with st.spinner(t("deriving_personas")):
            return _derived_view(base.version, k, current_lang(), features, base)
    except DataError as exc:  # e.g. nothing varies between customers: the data's own column, and why
        st.warning(t("derived_failed", error=text.error(exc)))
        return base


def base_dataset() -> Dataset:
    """The session's dataset with the data's own persona column (whatever the persona source)."""
    ds = st.session_state.get("dataset")
    return ds if ds is not None else default_dataset()


def persona_setting() -> tuple[int | None, tuple[str, ...]] | None:
    """(k, features) of the derived personas in use (k None = automatic, features () = the default ones), or None
    when the data's own persona column is in use."""
    source = st.session_state.get("personas", "data")
    if source == "data":
        return None
    return (None if source == "auto" else int(source)), tuple(st.session_state.get("persona_features") or ())


@st.cache_resource(show_spinner=False, max_entries=16)
def _derived_view(version: str, k: int | None, lang: str, features: tuple[str, ...], _base: Dataset) -> Dataset:
    # Keyed by the base version: the clustering itself is stored beside the facts (personas_figures.derived_view).
    return personas_figures.derived_view(_base, k, lang, features=list(features) or None)


scoped = audit.scoped


def current_filters() -> Filters:
    """The selection of this session, as set by the sidebar panel (ui.state), inside the viewer's scope."""
    return audit.current_filters()


def scoped_options(options: dict[str, list]) -> dict[str, list]:
    """The filter panel's choices limited to the viewer's scope (no other region's name offered)."""
    if st.session_state.get("dataset") is not None:
        return options
    allowed = dict(audit.viewer().scope)
    return {k: [v for v in values if v in allowed[k]] if k in allowed else values for k, values in options.items()}


# --- one cached dispatcher: the key is (name, dataset version, filters, args); the dataset itself
# is not hashed (its version stands for it).
_FUNCTIONS: dict[str, Callable[..., Any]] = {}


@st.cache_data(ttl=settings.get_int("cache_ttl_seconds"), max_entries=2000, show_spinner=False)
def _cached(name: str, version: str, f: Filters, args: tuple, _ds: Dataset) -> Any:
    return _FUNCTIONS[name](_ds, f, *args)


def _register(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn(ds, f, *args)`` cached per (dataset version, filters, args); a figure of figures/ or a page helper."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _FUNCTIONS[name] = fn

    def wrapper(ds: Dataset, f: Filters, *args):
        f = scoped(f)  # a page's Filters() too: nothing outside the scope is computed for this viewer
        return _cached(name, ds.version, f, args, ds)

    wrapper.__name__, wrapper.__doc__ = fn.__name__, fn.__doc__
    return wrapper


@_register
def options(ds: Dataset, f: Filters) -> dict[str, list]:
    """figures.overview.filter_options within the viewer's scope (``f`` arrives scoped; its selection is ignored)."""
    return overview_figures.filter_options(ds, f)


@_register
def survey(ds: Dataset, f: Filters):
    """How a survey dataset was read (ingest.survey.SurveyInfo), None for event data (filters ignored)."""
    return survey_figures.info(ds)


def survey_info(ds: Dataset):
    """``survey`` cached per dataset version."""
    return survey(ds, Filters())


def filter_options(ds: Dataset) -> dict[str, list]:
    """store.queries.filter_options, cached per dataset version."""
    return options(ds, Filters())


@_register
def totals(ds: Dataset, f: Filters) -> dict[str, int]:
    """Selected touchpoints and journeys."""
    return q.totals(ds, f)


@_register
def headline(ds: Dataset, f: Filters) -> dict[str, Any]:
    """overview_figures.overview.headline."""
    return overview_figures.headline(ds, f)


@_register
def kpis(ds: Dataset, f: Filters) -> dict[str, Any]:
    """figures.overview.kpi_cards over the data's dates and survey reading."""
    return overview_figures.kpi_cards(ds, f, filter_options(ds)["dates"], survey_info(ds))


nps_by_week = _register(overview_figures.nps_by_week)
journeys_by_week = _register(overview_figures.journeys_by_week)


@_register
def pain_points(ds: Dataset, f: Filters) -> pl.DataFrame:
    """executive.pain_points: metrics.pain_points over the selected touchpoints, worst first (touchpoints without a
    name left out; data without touchpoint names falls back to stage × channel, ``by_stage_channel``)."""
    return executive.pain_points(ds, f)


emotion_curve = _register(journey_map_figures.emotion_curve)


funnel = _register(journey_map_figures.funnel)


stage_channel = _register(journey_map_figures.stage_channel)


relaxations = _register(overview_figures.relaxations)


def colour_keys(ds: Dataset) -> dict[str, list[str]]:
    """All personas and channels of the dataset (not of the selection), so colours never depend on filters."""
    opts = filter_options(ds)
    return {"persona": list(opts.get("persona", [])), "channel": list(opts.get("channel", []))}


def colours(ds: Dataset) -> dict[str, dict[str, str]]:
    """ui.chart_style.colour_map over all personas and channels of the dataset: {kind: {value: colour}}."""
    return colour_map(colour_keys(ds))


def min_sample() -> int:
    return settings.get_int("min_sample")


def min_group() -> int | None:
    """The smallest group of customers a figure may describe, or None when small-group suppression is off."""
    return privacy.min_group()


# --- statistics: intervals, tested deltas, trend with anomalies, key drivers, handoff effect


@_register
def models(ds: Dataset, f: Filters):
    """drivers_figures.models: the key drivers and the handoff effect, fitted on one shared design."""
    return drivers_figures.models(ds, f)


@_register
def survey_drivers(ds: Dataset, f: Filters):
    """survey_figures.drivers: the key drivers of a survey's outcome."""
    return survey_figures.drivers(ds, f, survey_info(ds))


@_register
def survey_outcome(ds: Dataset, f: Filters):
    """survey_figures.outcome: {column, kind, positive, rate} of the selected respondents, or None."""
    return survey_figures.outcome(ds, f, survey_info(ds))


@_register
def survey_distribution(ds: Dataset, f: Filters):
    """survey_figures.distribution: how the selected respondents answered each rating question."""
    return survey_figures.distribution(ds, f, survey_info(ds))


@_register
def survey_top_two_box(ds: Dataset, f: Filters):
    """survey_figures.top_two_box: top-2-box % per question with its 95% interval."""
    return survey_figures.top_two_box(ds, f, survey_info(ds))


def survey_segments(ds: Dataset) -> list[str]:
    """survey_figures.segments: the columns a survey's outcome can be split by."""
    return survey_figures.segments(ds, survey_info(ds))


@_register
def survey_by_segment(ds: Dataset, f: Filters, by: str):
    """survey_figures.outcome_by_segment: the outcome per value of ``by`` with its 95% interval."""
    return survey_figures.outcome_by_segment(ds, f, survey_info(ds), by)


@_register
def survey_weighting_line(ds: Dataset, f: Filters):
    """figures.weighting.line: "Weighted by 가중치 (effective n = …)" of the selected respondents, None unweighted."""
    about = survey_info(ds)
    return None if about is None else weighting_figures.line(ds, f, about)


@_register
def survey_response_rate(ds: Dataset, f: Filters):
    """figures.weighting.response_rate: the response rate by segment and week and the "who answers changed" check."""
    about = survey_info(ds)
    return None if about is None else weighting_figures.response_rate(ds, f, about)


@_register
def survey_headline(ds: Dataset, f: Filters):
    """survey_figures.headline_sentences on the Key drivers page's drivers: the overview's headline of a survey."""
    return survey_figures.headline_sentences(ds, f, survey_info(ds), survey_drivers(ds, f))


def key_drivers(ds: Dataset, f: Filters):
    """The key-driver table (metrics.drivers.KeyDrivers) of drivers_figures.models, or of a survey's outcome."""
    if survey_info(ds) is not None:
        return survey_drivers(ds, f)
    return models(ds, f)[0]


@_register
def handoff_model(ds: Dataset, f: Filters):
    """drivers_figures.handoff_model: the handoff effect without the key drivers' fit."""
    return drivers_figures.handoff_model(ds, f)


def handoff_effect(ds: Dataset, f: Filters, alone: bool = False):
    """The adjusted effect of one more handoff (metrics.handoff_effect.HandoffEffect) of drivers_figures.models (``alone``,
    for a page without the key drivers: drivers_figures.handoff_model, which takes the selection's effect when
    its models were fitted in this process); none for a survey (no event times), with the reason."""
    if survey_info(ds) is not None:
        return HandoffEffect(None, None, None, 0, survey_figures.REASONS["handoff_effect"])
    return handoff_model(ds, f) if alone else models(ds, f)[1]


@_register
def score_trend(ds: Dataset, f: Filters, period: str = "week", metric: str = "nps"):
    """overview_figures.score_trend: metrics.trend.Trend of NPS or CSAT per week or month."""
    return overview_figures.score_trend(ds, f, period, metric)


@_register
def kpi_statistics(ds: Dataset, f: Filters) -> dict[str, Any]:
    """figures.overview.kpi_statistics over the data's dates."""
    return overview_figures.kpi_statistics(ds, f, filter_options(ds)["dates"])


# --- channels & handoffs, journey duration, personas


@_register
def transitions(ds: Dataset, f: Filters) -> pl.DataFrame:
    """channels_figures.transitions: channel handoffs of the selected journeys (small ones hidden), most frequent
    first."""
    return channels_figures.transitions(ds, f)


@_register
def handoffs(ds: Dataset, f: Filters) -> pl.DataFrame:
    """figures.channels.handoffs over the dataset's channels."""
    return channels_figures.handoffs(ds, f, filter_options(ds)["channel"])


channel_scores = _register(channels_figures.channel_scores)


nps_by_handoffs = _register(channels_figures.nps_by_handoffs)




duration_by_persona = _register(duration_figures.duration_by_persona)


dwell = _register(duration_figures.dwell)


persona_kpis = _register(personas_figures.persona_kpis)


channel_mix = _register(personas_figures.channel_mix)


weakest_stages = _register(personas_figures.weakest_stages)


# --- the executive story: periods, headline, targets, movers, detractors, PDF


@_register
def executive_summary(ds: Dataset, f: Filters, period: str, keywords: bool = False) -> dict[str, Any]:
    """figures.executive.dashboard_summary on the key drivers of the Key drivers page (a survey's ``key_drivers``;
    else the same fit, drivers_figures.models, taken beside the story's queries); ``keywords`` (the voice of the
    customer's keywords are computed) is part of the cache key."""
    about = survey_info(ds)
    return executive.dashboard_summary(ds, f, period, about, key_drivers(ds, f).table if about else None, keywords)


@_register
def fix_first(ds: Dataset, f: Filters):
    """executive.reconciled_fix_first on the key drivers of ``models`` (the overview's fix first, for other pages)."""
    return executive.reconciled_fix_first(ds, f, key_drivers(ds, f).table)


@_register
def detractors(ds: Dataset, f: Filters) -> pl.DataFrame:
    """executive.detractors: the follow-up list of the selection's detractors."""
    return executive.detractors(ds, f)


detractors_hidden = _register(executive.detractors_hidden)


