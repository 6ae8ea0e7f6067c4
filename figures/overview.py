"""Headline figures: store queries fed to the metric functions (shared by report.py and the pages)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import polars as pl

import settings
from figures import privacy, weighting
from figures.drivers import models
from i18n import Message
from ingest import survey as ingest_survey
from ingest.ingested import SurveyInfo
from metrics.confidence import csat_interval, nps_interval
from metrics.funnel import stage_table
from metrics.handoffs import handoff_rate
from metrics.nps import nps
from metrics.periods import comparison_periods
from metrics.satisfaction import ces, csat
from metrics.significance import Comparison, csat_change, nps_change
from metrics.trend import Trend, trend
from store import Dataset, Filters
from store import queries as q
from store import stage_queries as sq

_POOL = ThreadPoolExecutor(max_workers=3, thread_name_prefix="cxlens-kpi")
KPI_KEYS = ("nps", "csat", "ces", "journeys", "median_journey_hours", "handoff_rate")
TIMED_KPIS = ("median_journey_hours", "handoff_rate")  # what a survey (no event times) cannot have
HEADLINE_KEYS = ("events", "journeys", "nps", "nps_responses", "csat", "ces", "median_journey_hours",
                 "p90_journey_hours", "handoff_rate", "stages", "handoffs")


selection_hidden = privacy.selection_hidden


def kpis(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The headline's single figures (every key of HEADLINE_KEYS but ``stages`` and ``handoffs``), and
    ``suppressed``: True when the selection is too small to show (every figure then None)."""
    if selection_hidden(ds, f):
        return {k: None for k in HEADLINE_KEYS if k not in ("stages", "handoffs")} | {"suppressed": True}
    totals = q.touchpoint_summary(ds, f)  # one scan for the event count, satisfaction and ces
    # The NPS answers, the duration's quantiles and the handoff counts from the store: a row per answer, one summary
    # row and a row per handoff count leave DuckDB, not a row per journey (1.4M at 10M events).
    n = nps(q.journey_counts(ds, f, "nps"), weight="n").row(0, named=True)
    sat = csat(totals["satisfaction"], weight="n").row(0, named=True)
    effort = ces(totals["ces"], weight="n").row(0, named=True)
    duration = q.duration_summary(ds, f).row(0, named=True)
    rate = handoff_rate(q.journey_counts(ds, f, "handoffs"), weight="n").row(0, named=True)
    return {
        "events": totals["events"],
        "journeys": totals["journeys"],
        "nps": n["nps"],
        "nps_responses": n["responses"],
        "csat": sat["csat"],
        "ces": effort["ces"],
        "median_journey_hours": duration["median_hours"],
        "p90_journey_hours": duration["p90_hours"],
        "handoff_rate": rate["handoff_rate"],
        "suppressed": False,
    }


def headline(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The headline report: every key of HEADLINE_KEYS, percentages as unrounded 0–100 floats."""
    stages = stage_table(
        q.touchpoint_volume(ds, f, ["stage"]),
        csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage"]), by=["stage"], weight="n"),
        sq.stage_reach(ds, f),
        ds.stage_order,
    )
    transitions = q.transitions(ds, f)
    if privacy.min_group() is not None:
        # The stages' events add up to the selection's: complementary cells hidden with the small ones.
        stages = privacy.hide(stages, q.customers(ds, f, ["stage"]), ["stage"],
                              ["events", "journeys", "mean_satisfaction", "csat"])
        transitions = privacy.hide(transitions, q.transition_customers(ds, f), ["from_channel", "to_channel"],
                                   ["count"])
    return {
        **kpis(ds, f),
        "stages": stages.to_dicts(),
        "handoffs": [
            {"from": r["from_channel"], "to": r["to_channel"], "count": r["count"]}
            | ({"suppressed": r["suppressed"]} if "suppressed" in r else {})
            for r in transitions.iter_rows(named=True)
        ],
    }


# --- statistics: intervals, tests, trend, key drivers, handoff effect -----------------------------

STATISTICS_KEYS = ("nps_ci", "drivers", "handoff_effect", "trend")


def score_trend(ds: Dataset, f: Filters, period: str = "month", metric: str = "nps") -> Trend:
    """metrics.trend.trend of NPS (journeys) or CSAT (touchpoints) per week or month of the first touchpoint."""
    if metric == "nps" and weighting.weighted(ingest_survey.info(ds.files)):
        # A weighted survey: weighted NPS and its interval on n_eff per period; anomalies are looked for in counts.
        table = weighting.nps_by_period(ds, f, period).rename({period: "period"}).with_columns(
            pl.lit(False).alias("anomaly"), pl.lit(None, pl.Boolean).alias("significant_change"))
        out = Trend(table, "nps", Message("reason_weighted_no_anomaly"))
    elif metric == "nps":
        out = trend(q.journey_counts(ds, f, "nps", by=[period]), period, metric,
                    min_sample=settings.get_int("min_sample"))
    else:
        out = trend(q.touchpoint_counts(ds, f, "satisfaction", by=[period]), period, metric,
                    min_sample=settings.get_int("min_sample"))
    if privacy.min_group() is None or out.table.is_empty():
        return out
    # The periods partition the selection's journeys: complementary periods hidden with the small ones.
    sizes = q.customers(ds, f, [period]).rename({period: "period"})
    values = [c for c in out.table.columns if c != "period"]
    hidden = privacy.hide(out.table, sizes, ["period"], values)
    # A change from a hidden period would give its value away: no change after one either.
    after_hidden = pl.col("suppressed").shift(1).fill_null(False)
    changes = [c for c in ("delta", "p_value", "significant_change") if c in hidden.columns]
    hidden = hidden.with_columns(pl.when(after_hidden).then(None).otherwise(pl.col(c)).alias(c) for c in changes)
    return dataclasses.replace(out, table=hidden)


def intervals(ds: Dataset, f: Filters) -> dict[str, tuple[float, float] | None]:
    """95% intervals of the selection's NPS and CSAT: {"nps_ci": (low, high) | None, "csat_ci": ...}."""
    sat = csat(q.touchpoint_counts(ds, f, "satisfaction"), weight="n").row(0, named=True)
    return {"nps_ci": _nps_interval(ds, f), "csat_ci": csat_interval(sat["satisfied"], sat["ratings"])}


def _nps_interval(ds: Dataset, f: Filters) -> tuple[float, float] | None:
    n = nps(q.journey_counts(ds, f, "nps"), weight="n").row(0, named=True)
    return nps_interval(n["promoters"], n["detractors"], n["responses"])


def change_tests(ds: Dataset, current: Filters, previous: Filters) -> dict[str, Any]:
    """Significance of the NPS and CSAT change from the ``previous`` selection to the ``current`` one:
    {"nps": Comparison, "csat": Comparison, "answers": {"nps": (current n, previous n), "csat": (…)}}."""
    def rows(f: Filters) -> tuple[dict, dict]:
        return (nps(q.journey_counts(ds, f, "nps"), weight="n").row(0, named=True),
                csat(q.touchpoint_counts(ds, f, "satisfaction"), weight="n").row(0, named=True))

    (n1, s1), (n0, s0) = rows(current), rows(previous)
    m = settings.get_int("min_sample")
    if selection_hidden(ds, current) or selection_hidden(ds, previous):
        untested = Comparison(None, None, None, False, privacy.marker())
        return {"nps": untested, "csat": untested, "answers": {"nps": (None, None), "csat": (None, None)}}
    return {"nps": nps_change(n1, n0, m), "csat": csat_change(s1, s0, m),
            "answers": {"nps": (n1["responses"], n0["responses"]), "csat": (s1["ratings"], s0["ratings"])}}


def statistics(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The report's statistics: every key of STATISTICS_KEYS (null when there is too little data) and
    ``statistics_reasons`` ({key: why it is null}).

    nps_ci [low, high]; drivers [{stage, importance, coefficient, p_value, mean_satisfaction, n}]
    most important first (stages left out of the model are not listed); handoff_effect
    {per_handoff, ci, p_value, n}; trend [{period, responses, nps, nps_ci, significant_change}] by
    month, oldest first.
    """
    reasons: dict[str, str] = {}
    if selection_hidden(ds, f):
        return {**dict.fromkeys(STATISTICS_KEYS), "statistics_reasons": dict.fromkeys(STATISTICS_KEYS,
                                                                                     privacy.marker())}
    ci = _nps_interval(ds, f)  # the report gives no CSAT interval: no Wilson interval (nor statsmodels) needed
    if ci is None:
        reasons["nps_ci"] = Message("reason_no_nps_answers")
    kd, effect = models(ds, f)
    driver_rows = None
    if kd.table is None:
        reasons["drivers"] = kd.reason
    else:
        driver_rows = kd.table.filter(pl.col("importance").is_not_null()).select(
            "stage", "importance", "coefficient", "p_value", "mean_satisfaction", "n").to_dicts()
    if effect.reason:
        reasons["handoff_effect"] = effect.reason
    monthly = score_trend(ds, f, "month", "nps").table
    trend_rows = None
    if monthly.is_empty():
        reasons["trend"] = Message("reason_no_nps_answers")
    else:
        trend_rows = [
            {"period": r["period"].isoformat(), "responses": r["responses"], "nps": r["nps"],
             "nps_ci": None if r["nps_low"] is None else [r["nps_low"], r["nps_high"]],
             "significant_change": r["significant_change"]}
            | ({"suppressed": True} if r.get("suppressed") else {})
            for r in monthly.iter_rows(named=True)
        ]
    return {
        "nps_ci": None if ci is None else list(ci),
        "drivers": driver_rows,
        "handoff_effect": effect.to_dict(),
        "trend": trend_rows,
        "statistics_reasons": reasons,
    }


def filter_options(ds: Dataset, f: Filters | None = None) -> dict[str, list]:
    """Values each filter can take, and the data's first and last date (the selection of ``f`` ignored, its scope
    applied: only values that occur within it); ``no_dates`` is true for a survey without answer dates (its events
    carry a placeholder time: no date filter), ``survey`` for a survey (one channel, no paths: no channel or path
    filter)."""
    about = ingest_survey.info(ds.files)
    return {**q.filter_options(ds, f), "no_dates": about is not None and about.timestamp_column is None,
            "survey": about is not None}

def kpi_cards(ds: Dataset, f: Filters, dates: Sequence, about: SurveyInfo | None) -> dict[str, Any]:
    """The overview's KPI values, their previous-period values and the two periods compared.

    Returns {"value": {kpi: v}, "current": {kpi: v}, "previous": {kpi: v}, "delta": {kpi: current −
    previous, None when either is None}, "nps_responses": n,
    "periods": metrics.periods.comparison_periods(...)}; "current" is the compared window
    (the selection itself when it has a date range). ``dates`` is the data's first and last date, ``about`` the
    survey reading (None for event data).
    """
    lo, hi = dates
    periods = comparison_periods(f.since, f.until, lo, hi)
    (cs, cu), (ps, pu) = periods["current"], periods["previous"]
    selections = [f, dataclasses.replace(f, since=cs, until=cu), dataclasses.replace(f, since=ps, until=pu)]
    # The three selections are independent: run them side by side (each worker has its own cursor).
    value, current, previous = _POOL.map(lambda g: kpis(ds, g), selections)
    if about is not None:
        # A survey has no event times: no duration, no handoffs; without answer dates no period to compare.
        for kpi in TIMED_KPIS:
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
        "compared": (previous["journeys"] or 0) > 0,
        "periods": periods,
    }

def kpi_statistics(ds: Dataset, f: Filters, dates: Sequence) -> dict[str, Any]:
    """The overview cards' statistics: 95% intervals of the selection's NPS and CSAT ("nps_ci", "csat_ci") and the
    tests of the NPS and CSAT deltas over the same two windows as ``kpis`` ("tests": {"nps", "csat"})."""
    lo, hi = dates
    periods = comparison_periods(f.since, f.until, lo, hi)
    (cs, cu), (ps, pu) = periods["current"], periods["previous"]
    tests = change_tests(ds, dataclasses.replace(f, since=cs, until=cu),
                                 dataclasses.replace(f, since=ps, until=pu))
    return {**intervals(ds, f), "tests": tests}

def nps_by_week(ds: Dataset, f: Filters) -> pl.DataFrame:
    """NPS per week of the journeys' first touchpoint: week, promoters, passives, detractors, responses, nps; with
    suppression on, the weeks too small to show (and their complementary weeks) left out."""
    if weighting.weighted(ingest_survey.info(ds.files)):
        weekly = weighting.nps_by_period(ds, f, "week")
    else:
        weekly = nps(q.journey_counts(ds, f, "nps", by=["week"]), by=["week"], weight="n")
    if privacy.min_group() is None or weekly.is_empty():
        return weekly
    hidden = privacy.hide(weekly, q.customers(ds, f, ["week"]), ["week"], [])
    return hidden.filter(~pl.col("suppressed")).drop("suppressed")

def journeys_by_week(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Journeys per week of their first touchpoint (week, journeys), oldest first; a week without journeys has no row.
    The Upload page shows it for a loaded file: the weeks its dates cover (a day and month read the wrong way round,
    or a missing month, show at a glance)."""
    return q.journey_totals(ds, f, ["week"])


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
    return [name for name, g in candidates if q.totals(ds, g)["journeys"] > 0]
