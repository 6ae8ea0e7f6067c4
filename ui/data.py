"""Cached data access for the pages: the session's dataset and query + metric results per (dataset version, filters).

The dataset a page works on is ``current_dataset()``: the Dataset in ``st.session_state["dataset"]``
when one was put there (an upload page does exactly that: ``st.session_state["dataset"] =
store.open_dataset(path)``), else the default source (``settings.get("data")``), opened once per
process. Every result below is cached by ``st.cache_data`` under (function, dataset version,
filters, arguments), so a filter seen before re-renders without touching DuckDB.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

import settings
from errors import DataError
from figures import executive
from figures import overview as figures
from figures import survey as survey_figures
from i18n import current_lang, t
from metrics.duration import duration_summary
from metrics.funnel import funnel as funnel_table
from metrics.handoff_effect import HandoffEffect
from metrics.handoffs import handoff_bucket, handoff_matrix, handoff_rate
from metrics.nps import nps
from metrics.periods import comparison_periods
from metrics.satisfaction import ces, csat
from metrics.spread import box_summary
from metrics.weakest_stage import weakest_stage
from store import Dataset, Filters, open_dataset
from store import queries as q
from store.build.cache import facts_ready, facts_stamp, open_facts
from store.build.dataset import fingerprint, resolve
from ui import text
from ui.charts import snapshot
from ui.charts.style import colour_map

_POOL = ThreadPoolExecutor(max_workers=3, thread_name_prefix="cxlens-kpi")
KPI_KEYS = ("nps", "csat", "ces", "journeys", "median_journey_hours", "handoff_rate")


@st.cache_resource(show_spinner=False, max_entries=8)
def _open(source: str, stamp: str) -> Dataset:
    # ``stamp`` (the files' fingerprint) is only part of the key: a rewritten file is opened anew.
    return open_dataset(source)


# The facts pass's steps (store.dataset) in the UI's language; an unknown step is shown as it comes.
PROGRESS_STEPS = {
    "Reading the events into journey order": "progress_read",
    "Computing journey facts": "progress_journeys",
    "Counting channel handoffs and stage positions": "progress_handoffs",
    "Listing invalid events": "progress_invalid",
    "Journey facts ready": "progress_ready",
}


def opening_progress(name: str):
    """A progress bar saying what is happening while a data version's journey facts are computed
    (the first load of a large dataset takes a while); returns (callback, clear)."""
    box = st.empty()

    def show(fraction: float, message: str) -> None:
        step = t(PROGRESS_STEPS[message]) if message in PROGRESS_STEPS else message
        box.progress(min(max(fraction, 0.0), 1.0), text=t("progress_opening", name=text.md(name), step=step))

    return show, box.empty


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
            open_dataset(source, progress=show)
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
    if source == "data":
        return base

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
    # Keyed by the base version: the clustering itself is stored beside the facts (figures.derived_view).
    return figures.derived_view(_base, k, lang, features=list(features) or None)


def current_filters() -> Filters:
    """The selection of this session, as set by the sidebar panel (ui.state)."""
    return st.session_state.get("filters") or Filters()


# --- one cached dispatcher: the key is (name, dataset version, filters, args); the dataset itself
# is not hashed (its version stands for it).
_FUNCTIONS: dict[str, Callable[..., Any]] = {}


@st.cache_data(ttl=settings.get_int("cache_ttl_seconds"), max_entries=2000, show_spinner=False)
def _cached(name: str, version: str, f: Filters, args: tuple, _ds: Dataset) -> Any:
    return _FUNCTIONS[name](_ds, f, *args)


def _register(fn: Callable[..., Any]) -> Callable[..., Any]:
    _FUNCTIONS[fn.__name__] = fn

    def wrapper(ds: Dataset, f: Filters, *args):
        return _cached(fn.__name__, ds.version, f, args, ds)

    wrapper.__name__, wrapper.__doc__ = fn.__name__, fn.__doc__
    return wrapper


@_register
def options(ds: Dataset, f: Filters) -> dict[str, list]:
    """Values each filter can take, and the data's first and last date (filters ignored); ``no_dates`` is true for
    a survey without answer dates (its events carry a placeholder time: no date filter)."""
    about = survey_figures.info(ds)
    return {**q.filter_options(ds), "no_dates": about is not None and about.timestamp_column is None}


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
    """figures.overview.headline."""
    return figures.headline(ds, f)


@_register
def kpis(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The overview's KPI values, their previous-period values and the two periods compared.

    Returns {"value": {kpi: v}, "current": {kpi: v}, "previous": {kpi: v}, "delta": {kpi: current −
    previous, None when either is None}, "nps_responses": n,
    "periods": metrics.periods.comparison_periods(...)}; "current" is the compared window
    (the selection itself when it has a date range).
    """
    lo, hi = filter_options(ds)["dates"]
    periods = comparison_periods(f.since, f.until, lo, hi)
    (cs, cu), (ps, pu) = periods["current"], periods["previous"]
    selections = [f, dataclasses.replace(f, since=cs, until=cu), dataclasses.replace(f, since=ps, until=pu)]
    # The three selections are independent: run them side by side (each worker has its own cursor).
    value, current, previous = _POOL.map(lambda g: figures.kpis(ds, g), selections)
    about = survey_info(ds)
    if about is not None:
        # A survey has no event times: no duration, no handoffs; without answer dates no period to compare.
        for kpi in survey_figures.TIMED_KPIS:
            value[kpi] = current[kpi] = previous[kpi] = None
        if about.timestamp_column is None:
            current, previous = dict.fromkeys(KPI_KEYS), dict.fromkeys(KPI_KEYS) | {"journeys": 0}
    return {
        "value": {k: value[k] for k in KPI_KEYS},
        "current": {k: current[k] for k in KPI_KEYS},
        "previous": {k: previous[k] for k in KPI_KEYS},
        "delta": {k: None if current[k] is None or previous[k] is None else current[k] - previous[k]
                  for k in KPI_KEYS},
        "nps_responses": value["nps_responses"],
        # No change is shown against a comparison period without journeys ("+50 journeys" from nothing).
        "compared": previous["journeys"] > 0,
        "periods": periods,
    }


@_register
def nps_by_week(ds: Dataset, f: Filters) -> pl.DataFrame:
    """NPS per week of the journeys' first touchpoint: week, promoters, passives, detractors, responses, nps."""
    return nps(q.journey_counts(ds, f, "nps", by=["week"]), by=["week"], weight="n")


@_register
def pain_points(ds: Dataset, f: Filters) -> pl.DataFrame:
    """executive.pain_points: metrics.pain_points over the selected touchpoints, worst first (touchpoints without a
    name left out; data without touchpoint names falls back to stage × channel, ``by_stage_channel``)."""
    return executive.pain_points(ds, f)


@_register
def emotion_curve(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Mean satisfaction per stage, per persona and for all journeys (persona null): stage, persona, ratings,
    mean_satisfaction, csat."""
    per_persona = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage", "persona"]),
                       by=["stage", "persona"], weight="n").filter(pl.col("persona").is_not_null())
    overall = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage"]), by=["stage"], weight="n")
    overall = overall.with_columns(pl.lit(None, pl.String).alias("persona")).select(per_persona.columns)
    return pl.concat([overall, per_persona])


@_register
def funnel(ds: Dataset, f: Filters) -> pl.DataFrame:
    """metrics.funnel: stage, journeys, reach_pct, drop_off_pct, in stage order."""
    return funnel_table(q.stage_reach(ds, f), ds.stage_order, totals(ds, f)["journeys"])


@_register
def stage_channel(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Satisfaction per stage × channel: stage, channel, ratings, satisfied, csat, mean_satisfaction."""
    return csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage", "channel"]),
                by=["stage", "channel"], weight="n")


def relaxations(ds: Dataset, f: Filters) -> list[str]:
    """The filters (persona, channel, stage, a dim's column, ``keyword`` or ``dates``) whose removal alone gives a non-empty
    result, in panel order."""
    candidates: list[tuple[str, Filters]] = []
    if f.since or f.until:
        candidates.append(("dates", dataclasses.replace(f, since=None, until=None)))
    for name in ("persona", "channel", "stage", "path_contains"):
        if getattr(f, name):
            candidates.append((name, dataclasses.replace(f, **{name: ()})))
    for i, (column, _) in enumerate(f.dims):
        candidates.append((column, dataclasses.replace(f, dims=f.dims[:i] + f.dims[i + 1:])))
    if f.keyword:
        candidates.append(("keyword", dataclasses.replace(f, keyword=())))
    return [name for name, g in candidates if totals(ds, g)["journeys"] > 0]


def colour_keys(ds: Dataset) -> dict[str, list[str]]:
    """All personas and channels of the dataset (not of the selection), so colours never depend on filters."""
    opts = filter_options(ds)
    return {"persona": list(opts.get("persona", [])), "channel": list(opts.get("channel", []))}


def colours(ds: Dataset) -> dict[str, dict[str, str]]:
    """ui.chart_style.colour_map over all personas and channels of the dataset: {kind: {value: colour}}."""
    return colour_map(colour_keys(ds))


def min_sample() -> int:
    return settings.get_int("min_sample")


# --- statistics (issue 5): intervals, tested deltas, trend with anomalies, key drivers, handoff effect


@_register
def models(ds: Dataset, f: Filters):
    """figures.models: the key drivers and the handoff effect, fitted on one shared design."""
    return figures.models(ds, f)


@_register
def survey_drivers(ds: Dataset, f: Filters):
    """survey_figures.drivers: the key drivers of a survey's outcome."""
    return survey_figures.drivers(ds, f, survey_info(ds))


@_register
def survey_outcome(ds: Dataset, f: Filters):
    """survey_figures.outcome: {column, kind, positive, rate} of the selected respondents, or None."""
    return survey_figures.outcome(ds, f, survey_info(ds))


def key_drivers(ds: Dataset, f: Filters):
    """The key-driver table (metrics.drivers.KeyDrivers) of figures.models, or of a survey's outcome."""
    if survey_info(ds) is not None:
        return survey_drivers(ds, f)
    return models(ds, f)[0]


@_register
def handoff_model(ds: Dataset, f: Filters):
    """figures.handoff_model: the handoff effect without the key drivers' fit."""
    return figures.handoff_model(ds, f)


def handoff_effect(ds: Dataset, f: Filters, alone: bool = False):
    """The adjusted effect of one more handoff (metrics.handoff_effect.HandoffEffect) of figures.models (``alone``:
    of figures.handoff_model, for a page without the key drivers); none for a survey (no event times), with the
    reason."""
    if survey_info(ds) is not None:
        return HandoffEffect(None, None, None, 0, survey_figures.REASONS["handoff_effect"])
    return handoff_model(ds, f) if alone else models(ds, f)[1]


@_register
def score_trend(ds: Dataset, f: Filters, period: str = "week", metric: str = "nps"):
    """figures.score_trend: metrics.trend.Trend of NPS or CSAT per week or month."""
    return figures.score_trend(ds, f, period, metric)


@_register
def kpi_statistics(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The overview cards' statistics: 95% intervals of the selection's NPS and CSAT ("nps_ci", "csat_ci") and the
    tests of the NPS and CSAT deltas over the same two windows as ``kpis`` ("tests": {"nps", "csat"})."""
    lo, hi = filter_options(ds)["dates"]
    periods = comparison_periods(f.since, f.until, lo, hi)
    (cs, cu), (ps, pu) = periods["current"], periods["previous"]
    tests = figures.change_tests(ds, dataclasses.replace(f, since=cs, until=cu),
                                 dataclasses.replace(f, since=ps, until=pu))
    return {**figures.intervals(ds, f), "tests": tests}


# --- channels & handoffs, journey duration, personas (issue 3)


@_register
def transitions(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Channel handoffs of the selected journeys: from_channel, to_channel, count, most frequent first."""
    return q.transitions(ds, f)


@_register
def handoffs(ds: Dataset, f: Filters) -> pl.DataFrame:
    """metrics.handoffs.handoff_matrix of the selected journeys, over the dataset's channels that hand off."""
    moves = transitions(ds, f)
    used = set(moves["from_channel"].to_list()) | set(moves["to_channel"].to_list())
    return handoff_matrix(moves, [c for c in filter_options(ds)["channel"] if c in used])


@_register
def channel_scores(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Per channel: events and journeys of its selected touchpoints, their satisfaction (ratings, satisfied, csat,
    mean_satisfaction) and the NPS of the selected journeys that touched it (promoters, passives, detractors,
    responses, nps)."""
    volume = q.touchpoint_volume(ds, f, ["channel"])
    ratings = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["channel"]), by=["channel"], weight="n")
    answers = nps(q.journey_counts(ds, f, "nps", by=["channel"]), by=["channel"], weight="n")
    return volume.join(ratings, on="channel", how="full", coalesce=True).join(
        answers, on="channel", how="full", coalesce=True).sort("channel")


@_register
def nps_by_handoffs(ds: Dataset, f: Filters) -> pl.DataFrame:
    """NPS of the selected journeys per number of handoffs in the journey (metrics.handoffs.handoff_bucket:
    0, 1, 2, 3+): handoff_group, promoters, passives, detractors, responses, nps."""
    return nps(handoff_bucket(q.journey_counts(ds, f, "nps", by=["handoffs"])), by=["handoff_group"], weight="n")


def _journey_facts(ds: Dataset, f: Filters) -> pl.DataFrame:
    return q.journeys(ds, f, ["persona", "duration_hours", "handoffs"])


@_register
def duration_by_persona(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Journey duration per persona and for all journeys (persona null): metrics.duration.duration_summary
    (journeys, median_hours, p90_hours, mean_hours) with the box of metrics.spread.box_summary (n, p10, q1,
    median, q3, p90)."""
    facts = _journey_facts(ds, f)
    per_persona = duration_summary(facts, by=["persona"]).join(
        box_summary(facts, "duration_hours", by=["persona"]), on="persona", nulls_equal=True)
    overall = pl.concat([duration_summary(facts), box_summary(facts, "duration_hours")], how="horizontal")
    overall = overall.with_columns(pl.lit(None, pl.String).alias("persona")).select(per_persona.columns)
    return pl.concat([overall, per_persona.filter(pl.col("persona").is_not_null())])


@_register
def dwell(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Dwell time per stage over the selected journeys, in stage order: metrics.dwell.dwell_summary (journeys,
    median_hours, p90_hours) with the box of metrics.spread.box_summary (n, p10, q1, median, q3, p90)."""
    # metrics.dwell.dwell_summary and metrics.spread.box_summary of metrics.dwell.stage_dwell, computed in the store
    # (tested equal): a row per stage leaves DuckDB, not one per journey and stage
    summary = q.dwell_summary(ds, f)
    position = {s: i for i, s in enumerate(ds.stage_order)}
    return summary.sort(pl.col("stage").replace_strict(position, default=len(position)), "stage")


@_register
def persona_kpis(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Every KPI per persona (personas with journeys in the selection): persona, journeys, nps, responses, csat,
    ratings, mean_satisfaction, ces, ces_responses, median_hours, p90_hours, handoff_rate."""
    facts = _journey_facts(ds, f)
    base = duration_summary(facts, by=["persona"]).select("persona", "journeys", "median_hours", "p90_hours")
    parts = [
        nps(q.journey_counts(ds, f, "nps", by=["persona"]), by=["persona"], weight="n").select(
            "persona", "nps", "responses"),
        csat(q.touchpoint_counts(ds, f, "satisfaction", by=["persona"]), by=["persona"], weight="n").select(
            "persona", "csat", "ratings", "mean_satisfaction"),
        ces(q.touchpoint_counts(ds, f, "ces", by=["persona"]), by=["persona"], weight="n"),
        handoff_rate(facts, by=["persona"]).select("persona", "handoff_rate"),
    ]
    for part in parts:
        base = base.join(part, on="persona", how="left", nulls_equal=True)
    base = base.filter(pl.col("persona").is_not_null()).with_columns(
        pl.col("responses", "ratings", "ces_responses").fill_null(0))
    return base.select("persona", "journeys", "nps", "responses", "csat", "ratings", "mean_satisfaction", "ces",
                       "ces_responses", "median_hours", "p90_hours", "handoff_rate")


@_register
def channel_mix(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Selected touchpoints per persona × channel: persona, channel, events, journeys (personas named only)."""
    return q.touchpoint_volume(ds, f, ["persona", "channel"]).filter(pl.col("persona").is_not_null())


@_register
def weakest_stages(ds: Dataset, f: Filters, min_ratings: int) -> pl.DataFrame:
    """metrics.weakest_stage per persona over the emotion curve's per-persona ratings (``min_ratings`` is an
    argument so that it is part of the cache key); every persona of the selection has a row (stage null when
    none qualifies, also when it has no ratings at all)."""
    per_persona = emotion_curve(ds, f).filter(pl.col("persona").is_not_null())
    weakest = weakest_stage(per_persona, ["persona"], min_ratings)
    return persona_kpis(ds, f).select("persona").join(weakest, on="persona", how="left")


# --- the executive story (issue 15): periods, headline, targets, movers, detractors, PDF


@_register
def executive_summary(ds: Dataset, f: Filters, period: str, keywords: bool = False) -> dict[str, Any]:
    """executive.summary of the period ``period`` (metrics.periods.PERIOD_CHOICES) of the selection; the fix first
    stands on the same key drivers as the Key drivers page (``models``); with ``keywords`` (the voice of the
    customer's keywords are computed: part of the cache key) it names the top complaint keyword too."""
    about = survey_info(ds)
    complaint = executive.top_complaint(ds, f) if keywords and about is None else None
    s = executive.summary(ds, f, executive.windows(ds, f, period), drivers_table=key_drivers(ds, f).table,
                          complaint=complaint)
    if about is not None:
        # A survey has no event times (no duration, no handoffs); without answer dates no period to compare.
        k = s["kpis"]
        keys = KPI_KEYS if about.timestamp_column is None else survey_figures.TIMED_KPIS
        for part in ("previous", "change"):
            if isinstance(k.get(part), dict):
                k[part].update(dict.fromkeys(keys))
        k["current"].update(dict.fromkeys(survey_figures.TIMED_KPIS))
        if about.timestamp_column is None:
            k["compared"] = False
        s["targets"] = executive.target_statuses(k["current"])
    return s


@_register
def fix_first(ds: Dataset, f: Filters):
    """executive.reconciled_fix_first on the key drivers of ``models`` (the overview's fix first, for other pages)."""
    return executive.reconciled_fix_first(ds, f, key_drivers(ds, f).table)


@_register
def detractors(ds: Dataset, f: Filters) -> pl.DataFrame:
    """executive.detractors: the follow-up list of the selection's detractors."""
    return executive.detractors(ds, f)


@_register
def snapshot_pdf(ds: Dataset, f: Filters, period: str, lang: str) -> bytes:
    """ui.snapshot.pdf of ``executive_summary`` in ``lang`` (cached: a second click does not start Chromium)."""

    return snapshot.pdf(executive_summary(ds, f, period), lang)
