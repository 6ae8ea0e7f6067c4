"""The executive summary's figures: the period compared, KPI values and changes on it, top movers and alerts, the
reconciled fix first, the detractor follow-up list. Store queries fed to metrics; shared by report.py, the
overview page and the PDF snapshot (nothing here draws or knows the UI language)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import polars as pl

import settings
from errors import DataError
from figures import drivers as drivers_figures
from figures import overview as overview_figures
from figures import privacy, weighting
from figures import voc as voc_figures
from figures.overview import KPI_KEYS, TIMED_KPIS
from i18n import Message
from ingest import survey as ingest_survey
from ingest.ingested import SurveyInfo
from metrics import exports
from metrics.movers import ALL, alerts, segment_changes
from metrics.nps import nps
from metrics.pain_points import pain_points as rank_pain_points
from metrics.pain_points import worst
from metrics.periods import period_windows
from metrics.satisfaction import csat
from metrics.story import FixFirst, fix_first, fix_first_record
from metrics.targets import TargetStatus, parse_target, target_status
from metrics.text import mask_expr
from store import Dataset, Filters
from store import queries as q

_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="cxlens-movers")
# The story's independent parts beside the segment changes (which use _POOL: a task of one pool never waits for
# its own pool): the key drivers' fit, the top complaint, the rising themes. At 10M events a persona's first story
# took 1.26 s one part after another.
_SIDE = ThreadPoolExecutor(max_workers=3, thread_name_prefix="cxlens-story")
ALERT_KEYS = ("dimension", "value", "metric", "current", "previous", "change", "p_value")
DETRACTOR_COLUMNS = ("customer_id", "journey_id", "score", "date", "last_stage", "last_channel", "worst_stage",
                     "comment")


def windows(ds: Dataset, f: Filters, choice: str) -> dict:
    """metrics.periods.period_windows of ``choice`` for the selection ``f`` over the dataset's first and last date,
    with the two selections: {"choice", "days", "current", "previous", "current_filters", "previous_filters"}."""
    lo, hi = q.filter_options(ds)["dates"]
    w = period_windows(choice, f.since, f.until, lo, hi)
    (cs, cu), (ps, pu) = w["current"], w["previous"]
    return {**w, "current_filters": dataclasses.replace(f, since=cs, until=cu),
            "previous_filters": dataclasses.replace(f, since=ps, until=pu)}


def report_windows(ds: Dataset, f: Filters) -> dict:
    """The report's comparison: the selection's ``--since/--until`` (custom) or, without them, the last 30 days of
    data; the previous period is the one of equal length before it."""
    return windows(ds, f, "custom" if (f.since or f.until) else "last_30")


def kpi_changes(ds: Dataset, w: dict) -> dict[str, Any]:
    """KPI values of the current window, of the previous one, and their changes on the same period.

    Returns {"current": {kpi: v}, "previous": {kpi: v}, "change": {kpi: current − previous, None when either is
    None or the previous window has no journeys}, "compared": previous window has journeys, "nps_responses":
    current answers, "tests": overview_figures.change_tests of the two windows}.
    """
    current = overview_figures.kpis(ds, w["current_filters"])
    previous = overview_figures.kpis(ds, w["previous_filters"])
    compared = (previous["journeys"] or 0) > 0  # None: the previous window is too small to show
    change = {k: None if not compared or current[k] is None or previous[k] is None else current[k] - previous[k]
              for k in KPI_KEYS}
    return {"current": {k: current[k] for k in KPI_KEYS}, "previous": {k: previous[k] for k in KPI_KEYS},
            "change": change, "compared": compared, "nps_responses": current["nps_responses"],
            "suppressed": bool(current.get("suppressed")),
            "tests": overview_figures.change_tests(ds, w["current_filters"], w["previous_filters"])}


def dimensions(ds: Dataset) -> tuple[str, ...]:
    """The dimensions segments are taken from: channel, stage, persona (when the data has it) and every extra one;
    a survey's one channel (its answers all have ``survey``) is no segment."""
    one_channel = ingest_survey.info(ds.files) is not None and len(q.filter_options(ds)["channel"]) <= 1
    return ((() if one_channel else ("channel",)) + ("stage",) + (("persona",) if "persona" in ds.has else ())
            + tuple(ds.dims))


def segment_counts(ds: Dataset, f: Filters) -> dict[str, pl.DataFrame]:
    """NPS and CSAT counts of the selection, overall (dimension ``all``) and per value of every dimension:
    {"nps": dimension, value, promoters, passives, detractors, responses, nps; "csat": dimension, value, ratings,
    satisfied, csat, mean_satisfaction}."""
    parts: dict[str, list[pl.DataFrame]] = {"nps": [], "csat": []}
    for dim in (None,) + dimensions(ds):
        by = [dim] if dim else []
        n = nps(q.journey_counts(ds, f, "nps", by=by), by=by, weight="n")
        s = csat(q.touchpoint_counts(ds, f, "satisfaction", by=by), by=by, weight="n")
        for metric, frame in (("nps", n), ("csat", s)):
            value = pl.col(dim).cast(pl.String) if dim else pl.lit(None, pl.String)
            parts[metric].append(frame.select(pl.lit(dim or ALL).alias("dimension"), value.alias("value"),
                                              pl.exclude(by)))
    return {metric: pl.concat(frames) for metric, frames in parts.items()}


def movers(ds: Dataset, w: dict) -> pl.DataFrame:
    """metrics.movers.segment_changes between the two windows of ``w`` (``min_sample`` from settings)."""
    # The two windows' counts are independent: side by side (the store gives each thread its own cursor).
    current, previous = _POOL.map(lambda g: segment_counts(ds, g), (w["current_filters"], w["previous_filters"]))
    changes = segment_changes(current, previous, settings.get_int("min_sample"))
    if privacy.min_group() is None or changes.is_empty():
        return changes
    # A segment too small to show in either window (or complementary to one) is not compared at all.
    hidden = pl.concat([hidden_segments(ds, w["current_filters"]), hidden_segments(ds, w["previous_filters"])])
    return changes.join(hidden, on=["dimension", "value"], how="anti", nulls_equal=True)


def hidden_segments(ds: Dataset, f: Filters) -> pl.DataFrame:
    """The segments (dimension, value) of the selection hidden by small-group suppression: under min_group
    customers, and complementary ones within their dimension (metrics/suppression.py)."""
    sizes = pl.concat([
        q.customers(ds, f, [dim]).select(pl.lit(dim).alias("dimension"), pl.col(dim).cast(pl.String).alias("value"),
                                         pl.col("customers").cast(pl.Int64))
        for dim in dimensions(ds)
    ])
    hidden = privacy.hide(sizes.drop("customers"), sizes, ["dimension", "value"], [], by=["dimension"])
    return hidden.filter(pl.col("suppressed")).select("dimension", "value")


def alert_list(changes: pl.DataFrame) -> list[dict]:
    """The report's ``alerts``: the significant segments, most significant first, as {ALERT_KEYS}."""
    return alerts(changes).select(ALERT_KEYS).to_dicts()


def stage_ratings(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Mean satisfaction per stage over the selected touchpoints (the emotion curve for all journeys): stage,
    ratings, satisfied, csat, mean_satisfaction."""
    return csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage"]), by=["stage"], weight="n")


STAGE_CHANNEL_SEPARATOR = " · "


def pain_points(ds: Dataset, f: Filters) -> pl.DataFrame:
    """metrics.pain_points over the selected touchpoints (touchpoints without a name left out), with the stage
    most of each touchpoint's events are in (``stage``), ``channel`` (null) and ``by_stage_channel``.

    Data without touchpoint names but with ratings (no touchpoint column) falls back to stage × channel: each
    pair is a "touchpoint" named ``stage · channel``, with its ``stage`` and ``channel``, and ``by_stage_channel``
    is true.
    """
    ratings = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["touchpoint"]), by=["touchpoint"], weight="n")
    if ratings.filter(pl.col("touchpoint").is_not_null()).is_empty() and not ratings.is_empty():
        return _stage_channel_pain_points(ds, f)
    volume = q.touchpoint_volume(ds, f, ["touchpoint"], journeys=False)
    points = rank_pain_points(ratings, volume).filter(pl.col("touchpoint").is_not_null())
    where = (q.touchpoint_volume(ds, f, ["touchpoint", "stage"], journeys=False)
             .sort(["touchpoint", "events", "stage"], descending=[False, True, False])
             .group_by("touchpoint", maintain_order=True).first().select("touchpoint", "stage"))
    points = points.join(where, on="touchpoint", how="left").with_columns(channel=pl.lit(None, pl.String),
                                                                          by_stage_channel=pl.lit(False))
    return _shown_points(points, lambda: q.touchpoint_customers(ds, f, ["touchpoint"]))


def _shown_points(points: pl.DataFrame, customers: Callable[[], pl.DataFrame]) -> pl.DataFrame:
    """``points`` without the touchpoints hidden by small-group suppression (``customers()``: touchpoint, customers):
    under min_group customers, and complementary ones, since their events add up to the selection's. The distinct
    customers per touchpoint are counted only with suppression on (a distinct count over every selected event)."""
    if privacy.min_group() is None or points.is_empty():
        return points
    sizes = customers()
    hidden = privacy.hide(sizes.drop("customers"), sizes, ["touchpoint"], []).filter(pl.col("suppressed"))
    return points.filter(~pl.col("touchpoint").is_in(hidden["touchpoint"].implode()))


def _stage_channel_pain_points(ds: Dataset, f: Filters) -> pl.DataFrame:
    name = pl.concat_str("stage", pl.lit(STAGE_CHANNEL_SEPARATOR), "channel").alias("touchpoint")
    ratings = csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage", "channel"]), by=["stage", "channel"],
                   weight="n").with_columns(name)
    volume = q.touchpoint_volume(ds, f, ["stage", "channel"], journeys=False).with_columns(name)
    where = volume.select("touchpoint", "stage", "channel")
    points = rank_pain_points(ratings.drop("stage", "channel"), volume.drop("stage", "channel"))
    points = points.join(where, on="touchpoint", how="left").with_columns(by_stage_channel=pl.lit(True))
    return _shown_points(points, lambda: q.touchpoint_customers(ds, f, ["stage", "channel"]).select(name, "customers"))


def reconciled_fix_first(ds: Dataset, f: Filters, drivers_table: pl.DataFrame | None = None) -> FixFirst:
    """metrics.story.fix_first over the selection: the key drivers (drivers_figures.models), the per-stage ratings and the
    pain points."""
    if drivers_table is None:
        drivers_table = drivers_figures.models(ds, f)[0].table
    return fix_first(drivers_table, stage_ratings(ds, f), pain_points(ds, f), settings.get_int("min_sample"))


def fix_first_report(ds: Dataset, f: Filters) -> dict:
    """report.py's ``fix_first``: metrics.story.fix_first_record of ``reconciled_fix_first`` (the overview's, the
    Key drivers page's and the PDF's verdict), in English."""
    return fix_first_record(reconciled_fix_first(ds, f))


def detractors(ds: Dataset, f: Filters) -> pl.DataFrame:
    """The follow-up list: every selected journey whose NPS answer is a detractor's (0–6), newest first.

    Columns DETRACTOR_COLUMNS: customer_id, journey_id, score (the 0–10 answer), date (YYYY-MM-DD of the journey's
    last touchpoint, when the closing survey is answered), last_stage and last_channel (of its last touchpoint in
    journey order), worst_stage (its stage with the lowest mean satisfaction; ties by stage order; null without
    ratings), comment (its comments in journey order joined by " / ", personal data masked by
    metrics.text.mask_expr, the voice of the customer's one masking definition).
    """
    if detractors_hidden(ds, f) is not None:  # the list of a small selection is not given (detractors_hidden)
        return pl.DataFrame(schema={c: pl.String for c in DETRACTOR_COLUMNS}).with_columns(pl.col("score").cast(pl.Int32))
    return (q.detractor_journeys(ds, f)  # newest first, its worst stage taken there
            .with_columns(mask_expr("comment").alias("comment"), pl.col("date").cast(pl.String))
            .select(DETRACTOR_COLUMNS))


def detractors_hidden(ds: Dataset, f: Filters) -> Message | None:
    """Why the follow-up list of the selection is not given, or None when it is: with suppression on, a selection
    of fewer than min_group customers gets no list (its detractors' answers would give its hidden NPS away).

    The list itself names customers by design (it is for calling them back): above min_group it is the selection's
    every detractor, comments masked; docs/access.md says so."""
    if privacy.selection_hidden(ds, f):
        return Message("detractors_hidden", n=privacy.min_group())
    return None


def detractors_csv(frame: pl.DataFrame) -> bytes:
    """The follow-up list as a safe CSV (metrics.exports.csv_bytes: comments masked, formulas neutralised, BOM)."""
    return exports.csv_bytes(frame)


HIGHER_IS_BETTER = {"nps": True, "csat": True, "ces": True, "journeys": True, "median_journey_hours": False,
                    "handoff_rate": False}


def targets() -> dict[str, float | None]:
    """Each KPI's target from the settings ``target_<kpi>`` (None when empty); a setting that is not a number is a
    DataError naming it."""
    out = {}
    for kpi in KPI_KEYS:
        value = settings.get("target_" + kpi)
        try:
            out[kpi] = parse_target(value)
        except ValueError:  # the one ValueError of parse_target: not a number
            raise DataError("setting_bad_target", kpi=kpi, env=kpi.upper(), value=repr(value.strip())) from None
    return out


def target_statuses(values: dict[str, float | None]) -> dict[str, TargetStatus]:
    """metrics.targets.target_status of every KPI value against its target."""
    goals = targets()
    return {k: target_status(values[k], goals[k], HIGHER_IS_BETTER[k]) for k in KPI_KEYS}


def top_complaint(ds: Dataset, f: Filters) -> dict | None:
    """The keyword most distinctive of detractors' comments against promoters' (voc_figures.voc: weighted log-odds,
    z ≥ 1.96; strongest first) as {"keyword", "z"}; None without comments or without such a keyword."""
    v = voc_figures.voc(ds, f)
    if v.reason or v.detractor.is_empty():
        return None
    return v.detractor.select("keyword", "z").row(0, named=True)


def rising_themes(ds: Dataset, w: dict) -> pl.DataFrame:
    """The comment keywords rising significantly from the previous window of ``w`` to the current one
    (voc_figures.rising_between; needs the comments' keywords computed)."""
    return voc_figures.rising_between(ds, w["current_filters"], w["previous_filters"])


def summary(ds: Dataset, f: Filters, w: dict, changes: pl.DataFrame | None = None,
            drivers_table: pl.DataFrame | None = None, complaint: dict | None = None,
            rising: pl.DataFrame | None = None) -> dict[str, Any]:
    """Everything the executive summary shows, language-free: the period ``w`` (``windows``), the KPI values and
    changes on it with their targets, the weekly NPS of the selection, the segment changes and alerts, the
    reconciled fix first and the three worst pain points of the selection (``changes`` and ``drivers_table`` when
    the caller has them already), and ``complaint`` (``top_complaint``) and ``rising`` (``rising_themes``) when the
    caller has the keywords (None: not known yet)."""
    fitted = _SIDE.submit(drivers_figures.models, ds, f) if drivers_table is None else None
    k = kpi_changes(ds, w)
    if k["suppressed"]:
        return _hidden_summary(ds, w, k)
    if changes is None:
        changes = movers(ds, w)
    points = pain_points(ds, f)
    if fitted is not None:
        drivers_table = fitted.result()[0].table
    return {
        "name": ds.name,
        "period": {key: w[key] for key in ("choice", "days", "current", "previous")},
        "kpis": k,
        "targets": target_statuses(k["current"]),
        "suppressed": False,
        "min_group": privacy.min_group(),
        "trend": overview_figures.nps_by_week(ds, f),
        "changes": changes,
        "alerts": alerts(changes),
        "tested": int(changes["tested"].sum()),
        "fix_first": reconciled_fix_first(ds, f, drivers_table),
        "pain_points": worst(points),
        "average_csat": points["average_csat"][0] if points.height else None,
        "min_sample": settings.get_int("min_sample"),
        "complaint": complaint,
        "rising": rising,
    }


def _hidden_summary(ds: Dataset, w: dict, k: dict) -> dict[str, Any]:
    """The summary of a period too small to show (fewer than min_group customers): its KPIs hidden and nothing
    derived from them (trend, changes, alerts, fix first, pain points, complaint) given."""
    no_changes = pl.DataFrame(schema={"dimension": pl.String, "value": pl.String, "metric": pl.String,
                                      "current": pl.Float64, "previous": pl.Float64, "change": pl.Float64,
                                      "p_value": pl.Float64, "tested": pl.Boolean, "significant": pl.Boolean})
    return {
        "name": ds.name,
        "period": {key: w[key] for key in ("choice", "days", "current", "previous")},
        "kpis": k,
        "targets": target_statuses(k["current"]),
        "suppressed": True,
        "min_group": privacy.min_group(),
        "trend": pl.DataFrame(schema={"week": pl.Date, "nps": pl.Float64, "responses": pl.Int64}),
        "changes": no_changes,
        "alerts": no_changes,
        "tested": 0,
        "fix_first": None,
        "pain_points": pl.DataFrame(schema={"touchpoint": pl.String, "stage": pl.String, "csat": pl.Float64,
                                            "events": pl.Int64, "pain_score": pl.Float64}),
        "average_csat": None,
        "min_sample": settings.get_int("min_sample"),
        "complaint": None,
        "rising": None,
    }


def dashboard_summary(ds: Dataset, f: Filters, period: str, about: SurveyInfo | None, drivers_table: pl.DataFrame | None,
                      keywords: bool = False) -> dict[str, Any]:
    """executive.summary of the period ``period`` (metrics.periods.PERIOD_CHOICES) of the selection; the fix first
    stands on the same key drivers as the Key drivers page (``models``); with ``keywords`` (the voice of the
    customer's keywords are computed: part of the cache key) it names the top complaint keyword too, and without
    them ``comments_running`` says the comments' part of the story is still to come (data with comments only)."""
    w = windows(ds, f, period)
    complaint = _SIDE.submit(top_complaint, ds, f) if keywords and about is None else None
    rising = _SIDE.submit(rising_themes, ds, w) if keywords and about is None else None
    s = summary(ds, f, w, drivers_table=drivers_table)
    if not s["suppressed"]:  # a hidden period names no complaint (_hidden_summary)
        s["complaint"], s["rising"] = (job.result() if job else None for job in (complaint, rising))
    s["comments_running"] = not keywords and about is None and "comment" in ds.has
    if about is not None:
        if about.weighted:  # NPS and CSAT weighted by the respondents' weights (figures.weighting)
            s["kpis"] = weighting.kpis(ds, w, s["kpis"])
        # A survey has no event times (no duration, no handoffs); without answer dates no period to compare.
        k = s["kpis"]
        keys = KPI_KEYS if about.timestamp_column is None else TIMED_KPIS
        for part in ("previous", "change"):
            if isinstance(k.get(part), dict):
                k[part].update(dict.fromkeys(keys))
        k["current"].update(dict.fromkeys(TIMED_KPIS))
        if about.timestamp_column is None:
            k["compared"] = False
        s["targets"] = target_statuses(k["current"])
    return s
