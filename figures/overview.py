"""Headline figures: store queries fed to the metric functions (shared by report.py and the pages)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

import settings
from errors import DataError
from i18n import t
from metrics import paths as metrics_paths
from metrics import personas as mp
from metrics.confidence import csat_interval, nps_interval
from metrics.drivers import KeyDrivers, key_drivers, stage_design
from metrics.duration import duration_summary
from metrics.episodes import timeline
from metrics.funnel import stage_table
from metrics.handoff_effect import HandoffEffect, handoff_effect
from metrics.handoffs import handoff_rate
from metrics.nps import nps
from metrics.periods import comparison_periods
from metrics.satisfaction import ces, csat
from metrics.significance import csat_change, nps_change
from metrics.trend import Trend, trend
from metrics.voc import (
    DETRACTOR,
    PASSIVE,
    PROMOTER,
    associated_words,
    distinctive,
    keyword_shares,
    keyword_table,
    nps_class,
    rising_keywords,
)
from metrics.weakest_stage import weakest_stage
from store import Dataset, Filters
from store import episodes as store_episodes
from store import journey_paths as store_paths
from store import queries as q
from store import voc as voc_store
from store.build import journey_steps
from store.build import personas as sp

HEADLINE_KEYS = ("events", "journeys", "nps", "nps_responses", "csat", "ces", "median_journey_hours",
                 "p90_journey_hours", "handoff_rate", "stages", "handoffs")


def kpis(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The headline's single figures (every key of HEADLINE_KEYS but ``stages`` and ``handoffs``)."""
    totals = q.touchpoint_summary(ds, f)  # one scan for the event count, satisfaction and ces
    # One scan of the selected journeys for duration, handoffs and the NPS answers (as journey_counts counts them).
    facts = q.journeys(ds, f, ["duration_hours", "handoffs", "nps"])
    answers = facts.filter(pl.col("nps").is_not_null()).group_by("nps").agg(pl.len().cast(pl.Int64).alias("n"))
    n = nps(answers.sort("nps"), weight="n").row(0, named=True)
    sat = csat(totals["satisfaction"], weight="n").row(0, named=True)
    effort = ces(totals["ces"], weight="n").row(0, named=True)
    duration = duration_summary(facts).row(0, named=True)
    rate = handoff_rate(facts).row(0, named=True)
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
    }


def headline(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The headline report: every key of HEADLINE_KEYS, percentages as unrounded 0–100 floats."""
    stages = stage_table(
        q.touchpoint_volume(ds, f, ["stage"]),
        csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage"]), by=["stage"], weight="n"),
        q.stage_reach(ds, f),
        ds.stage_order,
    )
    transitions = q.transitions(ds, f)
    return {
        **kpis(ds, f),
        "stages": stages.to_dicts(),
        "handoffs": [
            {"from": r["from_channel"], "to": r["to_channel"], "count": r["count"]}
            for r in transitions.iter_rows(named=True)
        ],
    }


# --- statistics (issue 5): intervals, tests, trend, key drivers, handoff effect -----------------

STATISTICS_KEYS = ("nps_ci", "drivers", "handoff_effect", "trend")


def _model_design(ds: Dataset, f: Filters):
    """(journeys with an answer, the models' design, min_sample): only journeys with an answer are fetched (a quarter
    fewer rows), keyed by a hash of their id (store.queries.model_inputs)."""
    journeys, stage_satisfaction = q.model_inputs(ds, f)
    m = settings.get_int("min_sample")
    return journeys, stage_design(journeys, stage_satisfaction, ds.stage_order, m), m


def models(ds: Dataset, f: Filters) -> tuple[KeyDrivers, HandoffEffect]:
    """metrics.drivers.key_drivers and metrics.handoff_effect.handoff_effect over the selected journeys
    (stage satisfaction from all their touchpoints).

    Both models stand on the same journeys, stage satisfaction (2.2M rows at 10M events) and
    design: queried and built once.
    """
    journeys, design, m = _model_design(ds, f)
    return (key_drivers(journeys, None, ds.stage_order, m, design=design),
            handoff_effect(journeys, None, ds.stage_order, m, design=design))


def handoff_model(ds: Dataset, f: Filters) -> HandoffEffect:
    """metrics.handoff_effect.handoff_effect alone, as ``models`` fits it (for a page that shows no key drivers: one
    fit fewer, 0.2 s at 10M events)."""
    journeys, design, m = _model_design(ds, f)
    return handoff_effect(journeys, None, ds.stage_order, m, design=design)


def score_trend(ds: Dataset, f: Filters, period: str = "month", metric: str = "nps") -> Trend:
    """metrics.trend.trend of NPS (journeys) or CSAT (touchpoints) per week or month of the first touchpoint."""
    if metric == "nps":
        counts = q.journey_counts(ds, f, "nps", by=[period])
    else:
        counts = q.touchpoint_counts(ds, f, "satisfaction", by=[period])
    return trend(counts, period, metric, min_sample=settings.get_int("min_sample"))


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
    ci = _nps_interval(ds, f)  # the report gives no CSAT interval: no Wilson interval (nor statsmodels) needed
    if ci is None:
        reasons["nps_ci"] = "no NPS answers in the selection"
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
        reasons["trend"] = "no NPS answers in the selection"
    else:
        trend_rows = [
            {"period": r["period"].isoformat(), "responses": r["responses"], "nps": r["nps"],
             "nps_ci": None if r["nps_low"] is None else [r["nps_low"], r["nps_high"]],
             "significant_change": r["significant_change"]}
            for r in monthly.iter_rows(named=True)
        ]
    return {
        "nps_ci": None if ci is None else list(ci),
        "drivers": driver_rows,
        "handoff_effect": effect.to_dict(),
        "trend": trend_rows,
        "statistics_reasons": reasons,
    }


# --- journeys behind the numbers (issue 13): paths, transitions, episodes -----------------------

PATH_KEYS = ("paths", "transitions")
TOP_PATHS = 20


def path_table(ds: Dataset, f: Filters, kind: str, top: int | None = None) -> pl.DataFrame:
    """metrics.paths.path_table of the selected journeys' ``kind`` (stage or channel) paths."""
    return metrics_paths.path_table(store_paths.path_stats(ds, f, kind), store_paths.path_answers(ds, f, kind),
                                    settings.get_int("min_sample"), top)


def detractor_paths(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """metrics.paths.detractor_paths of the selected journeys' ``kind`` paths."""
    return metrics_paths.detractor_paths(store_paths.path_answers(ds, f, kind), settings.get_int("min_sample"))


def transition_table(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """metrics.paths.transition_table of the selected journeys' ``kind`` transitions (the process map's edges)."""
    return metrics_paths.transition_table(store_paths.transition_stats(ds, f, kind),
                                          store_paths.transition_answers(ds, f, kind), settings.get_int("min_sample"))


def paths_report(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The report's ``paths`` ({kind: the TOP_PATHS most frequent paths}, kinds stage and channel) and
    ``transitions`` ({kind: every edge}, kinds stage, channel and touchpoint; touchpoint None without a touchpoint
    map)."""
    paths, transitions = {}, {}
    for kind in store_paths.KINDS:
        paths[kind] = [
            {"path": r["path"], "journeys": r["journeys"], "share": r["share"], "nps": r["nps"],
             "nps_responses": r["responses"], "median_journey_hours": r["median_journey_hours"]}
            for r in path_table(ds, f, kind, TOP_PATHS).iter_rows(named=True)]
    for kind in store_paths.MAP_KINDS:
        transitions[kind] = [
            {"from": r["from"], "to": r["to"], "count": r["count"], "journeys": r["journeys"],
             "median_hours": r["median_hours"], "nps": r["nps"]}
            for r in transition_table(ds, f, kind).iter_rows(named=True)
        ] if kind != "touchpoint" or journey_steps.has_touchpoint_map(ds) else None
    return {"paths": paths, "transitions": transitions}


def episode(ds: Dataset, journey_id: str) -> dict[str, Any]:
    """One journey as the report prints it: {"journey_id", "customer_id", "events": [...]}, events in journey order
    with gap_hours and masked comments. Raises DataError when no valid touchpoint has that journey id."""
    events = store_episodes.episode(ds, journey_id)
    if events.height == 0:
        raise DataError(f"No journey has the id {journey_id!r} (column 'journey_id').")
    rows = timeline(events).drop("journey_id", "customer_id").with_columns(pl.col("timestamp").dt.to_string("%Y-%m-%dT%H:%M:%S%.f"))
    return {"journey_id": events["journey_id"][0], "customer_id": events["customer_id"][0], "events": rows.to_dicts()}


# --- voice of the customer (issue 12): keywords of the comments -------------------------------------

VOC_KEYWORDS = 100  # the report lists at least this many most-mentioned keywords
VOC_LIST = 30       # and up to this many distinctive and rising keywords per list


@dataclass(frozen=True)
class Voc:
    """The keyword figures of a selection's comments (tables of metrics.voc); ``reason`` when there are none."""

    comments: int
    keywords: pl.DataFrame
    detractor: pl.DataFrame
    promoter: pl.DataFrame
    rising: pl.DataFrame
    periods: dict
    reason: str | None = None


def voc_rising(ds: Dataset, f: Filters, span: tuple | None = None) -> tuple[pl.DataFrame, dict]:
    """metrics.voc.rising_keywords between the comparison periods of metrics.periods (the selected range, else
    the last 30 days of data, against the equal period before); returns (table, periods)."""
    lo, hi = span or q.filter_options(ds)["dates"]  # the data's first and last date (the dashboard caches them)
    periods = comparison_periods(f.since, f.until, lo, hi)
    (cs, cu), (ps, pu) = periods["current"], periods["previous"]
    now, before = dataclasses.replace(f, since=cs, until=cu), dataclasses.replace(f, since=ps, until=pu)
    table = rising_keywords(voc_store.keyword_counts(ds, now), _comments(ds, now),
                            voc_store.keyword_counts(ds, before), _comments(ds, before))
    return table, periods


def _keyword_counts(ds: Dataset, f: Filters) -> pl.DataFrame:
    """store.voc.keyword_counts without groups, summed from the per-NPS-answer counts the keyword table also uses
    (one scan instead of two): keyword, comments, ratings, satisfaction_sum."""
    by_nps = voc_store.keyword_counts(ds, f, by=["journey_nps"])
    return by_nps.group_by("keyword").agg(pl.col("comments", "ratings", "satisfaction_sum").sum()).sort("keyword")


def _comments(ds: Dataset, f: Filters) -> int:
    return int(voc_store.comment_totals(ds, f)["comments"][0])


def voc(ds: Dataset, f: Filters, span: tuple | None = None) -> Voc:
    """Keyword table, detractor and promoter keywords (weighted log-odds) and rising keywords of the comments on
    the selected touchpoints."""
    total = _comments(ds, f)
    by_nps = voc_store.keyword_counts(ds, f, by=["journey_nps"]).with_columns(nps_class().alias("nps_class"))
    counts = _keyword_counts(ds, f)
    table = keyword_table(counts, voc_store.keyword_journey_nps(ds, f), total, settings.get_int("min_sample"))
    detractor = distinctive(by_nps, "nps_class", DETRACTOR, PROMOTER)
    promoter = distinctive(by_nps, "nps_class", PROMOTER, DETRACTOR)
    rising, periods = voc_rising(ds, f, span)
    return Voc(total, table, detractor, promoter, rising, periods,
               None if total else "no comments on the selected touchpoints")


def voc_report(ds: Dataset, f: Filters) -> tuple[dict | None, str | None]:
    """The report's ``voc`` object (README, "Voice of the customer"), or (None, reason) without comments."""
    v = voc(ds, f)
    if v.reason:
        return None, v.reason
    return {
        "comments": v.comments,
        "keywords": v.keywords.head(VOC_KEYWORDS).select(
            "keyword", "comments", "share", "nps", "nps_responses").to_dicts(),
        "detractor_keywords": v.detractor.head(VOC_LIST).select("keyword", "z").to_dicts(),
        "promoter_keywords": v.promoter.head(VOC_LIST).select("keyword", "z").to_dicts(),
        "rising_keywords": v.rising.head(VOC_LIST).select("keyword", "current", "previous", "z").to_dicts(),
    }, None
# --- derived personas (issue 14): customers clustered on behaviour, named, and usable as `persona` -----


@dataclass(frozen=True)
class DerivedPersonas:
    """The derived personas of a data version under one setting (method, k, features) and language.

    ``view`` is the dataset whose ``persona`` is the derived one (store.personas.with_personas);
    ``table`` one row per persona: persona (label), cluster (0 = largest), customers, journeys, share
    (of the selection's customers, 0–1), nps, responses, csat, ratings, weakest_stage, representative
    (customer_id of the medoid); ``traits`` persona, rank, feature, z, mean, overall, text;
    ``cells`` the persona map (x, y, persona, customers); ``k``, ``method``, ``criterion`` ("given" or
    "davies-bouldin"), ``scores`` (Davies–Bouldin index per k tried) and ``features`` (used).
    """

    view: Dataset
    table: pl.DataFrame
    traits: pl.DataFrame
    cells: pl.DataFrame
    k: int
    method: str
    criterion: str
    scores: dict[int, float]
    features: list[str]


def _format_value(feature: str, value: float | None) -> str:
    if value is None:
        return "—"
    if feature.startswith(("channel:", "reach:", "touch:", "attribute:")) or feature == "rated_share":
        return f"{100 * value:.0f}%"
    if feature in ("median_journey_hours", "gap_hours"):
        return f"{value:.1f} h"
    return f"{value:.1f}"


def trait_phrase(feature: str, high: bool, lang: str) -> str:
    """Words for a persona whose ``feature`` is above (``high``) or below the average, in ``lang``."""

    kind = mp.kind(feature)
    value = feature.split("=", 1)[1] if feature.startswith("attribute:") else feature.partition(":")[2]
    key = "ptrait_" + ("attribute" if kind.startswith("attribute:") else kind) + ("_high" if high else "_low")
    return t(key, lang, value=value) if value else t(key, lang)


def _clustered(ds: Dataset, k: int | None, method: str, features: Sequence[str] | None):
    """(assignment: customer_id, cluster; model dict; used features), computed once per version and setting."""

    feats = sp.customer_features(ds)
    available = [c for c in feats.columns if c != "customer_id"]
    columns = list(features) if features else mp.default_features(feats.columns)
    unknown = [c for c in columns if c not in available]
    if unknown:
        raise DataError(f"Unknown persona feature {unknown[0]!r}; the features of this data are: "
                        f"{', '.join(available)}.")
    if k is not None and k < 2:
        raise DataError(f"--personas needs 'auto' or a number of personas of at least 2, not {k}.")
    key = sp.assignment_key(method, k, columns)
    assignment, model = sp.read(sp.stored(ds, key, "assignment")), sp.read_model(ds, key)
    if assignment is None or model is None:
        d = mp.design(feats, columns)
        if d.matrix.shape[1] == 0:
            raise DataError("No persona feature varies between customers: there is nothing to tell them apart by.")
        if k is not None and k > len(d.matrix):
            raise DataError(f"{k} personas are more than the {len(d.matrix):,} customers of the data.")
        c = mp.cluster(d, k, method)
        profile = mp.profiles(d, c.labels, feats)
        reps = mp.representatives(d, c.labels)
        assignment = pl.DataFrame({"customer_id": d.customer_id, "cluster": c.labels})
        model = {"k": c.k, "method": c.method, "criterion": c.criterion,
                 "scores": {str(key_): v for key_, v in c.scores.items()}, "seconds": c.seconds,
                 "features": columns, "representatives": {str(p): cid for p, cid in reps.items()}}
        sp.write(assignment, sp.stored(ds, key, "assignment"))
        sp.write(profile, sp.stored(ds, key, "profile"))
        sp.write(c.cells, sp.stored(ds, key, "cells"))
        sp.write_model(ds, key, model)
    return key, assignment, model


def _labelled(ds: Dataset, k: int | None, lang: str, method: str, features: Sequence[str] | None):
    """(view, key, model, profile, {cluster: label}): the clustering of ``_clustered`` labelled in ``lang``."""

    key, assignment, model = _clustered(ds, k, method, features)
    profile = sp.read(sp.stored(ds, key, "profile"))
    found_k = int(model["k"])
    names = mp.labels(mp.traits(profile, shown=len(profile)), found_k,
                      lambda feat, high: trait_phrase(feat, high, lang),
                      lambda p: t("persona_fallback", lang, n=p + 1))
    view = sp.with_personas(ds, key, [names[p] for p in range(found_k)], lang)
    return view, key, model, profile, names


def derived_view(ds: Dataset, k: int | None = None, lang: str = "en", method: str = mp.DEFAULT_METHOD,
                 features: Sequence[str] | None = None) -> Dataset:
    """``ds`` whose ``persona`` is the derived persona (labels in ``lang``): what the dashboard shows when the
    derived personas are chosen. Clusters on first use per data version and setting; stored afterwards."""
    return _labelled(ds, k, lang, method, features)[0]


def derived_personas(ds: Dataset, f: Filters, k: int | None = None, lang: str = "en",
                     method: str = mp.DEFAULT_METHOD, features: Sequence[str] | None = None) -> DerivedPersonas:
    """The derived personas of ``ds`` (clustered over all its customers, once per data version and setting),
    labelled in ``lang`` and measured on the selection ``f``."""

    view, key, model, profile, names = _labelled(ds, k, lang, method, features)
    found_k = int(model["k"])
    top = mp.traits(profile)
    label_frame = pl.DataFrame({"cluster": list(names), "persona": list(names.values())},
                               schema={"cluster": pl.Int32, "persona": pl.String})

    facts = q.journeys(view, f, ["customer_id", "persona", "nps"])
    sizes = facts.group_by("persona").agg(customers=pl.col("customer_id").n_unique(), journeys=pl.len())
    answers = facts.filter(pl.col("nps").is_not_null()).group_by("persona", "nps").agg(n=pl.len())
    scores = nps(answers, by=["persona"], weight="n").select("persona", "nps", "responses")
    by_stage = csat(q.touchpoint_counts(view, f, "satisfaction", by=["stage", "persona"]),
                    by=["stage", "persona"], weight="n").filter(pl.col("persona").is_not_null())
    overall = csat(q.touchpoint_counts(view, f, "satisfaction", by=["persona"]), by=["persona"], weight="n")
    weakest = weakest_stage(by_stage, ["persona"], settings.get_int("min_sample")).select(
        "persona", pl.col("stage").alias("weakest_stage"))
    reps = pl.DataFrame({"cluster": [int(p) for p in model["representatives"]],
                         "representative": list(model["representatives"].values())},
                        schema={"cluster": pl.Int32, "representative": pl.String})
    table = (label_frame.join(sizes, on="persona", how="left").join(scores, on="persona", how="left")
             .join(overall.select("persona", "csat", "ratings"), on="persona", how="left")
             .join(weakest, on="persona", how="left").join(reps, on="cluster", how="left")
             .with_columns(pl.col("customers", "journeys", "responses", "ratings").fill_null(0).cast(pl.Int64))
             .with_columns(share=pl.col("customers") / pl.col("customers").sum().clip(lower_bound=1))
             .select("persona", "cluster", "customers", "journeys", "share", "nps", "responses", "csat", "ratings",
                     "weakest_stage", "representative").sort("cluster"))

    def line(r: dict) -> str:
        phrase = trait_phrase(r["feature"], r["z"] > 0, lang)
        if r["mean"] is None:
            return t("trait_line_z", lang, phrase=phrase, z=f"{r['z']:+.1f}")
        return t("trait_line", lang, phrase=phrase, value=_format_value(r["feature"], r["mean"]),
                 overall=_format_value(r["feature"], r["overall"]), z=f"{r['z']:+.1f}")

    trait_rows = top.join(profile.select("persona", "feature", "mean", "overall"), on=["persona", "feature"],
                          how="left").rename({"persona": "cluster"}).join(label_frame, on="cluster")
    trait_rows = trait_rows.with_columns(
        text=pl.Series([line(r) for r in trait_rows.iter_rows(named=True)], dtype=pl.String))
    cells = (sp.read(sp.stored(ds, key, "cells")).rename({"persona": "cluster"})
             .join(label_frame, on="cluster").select("x", "y", "persona", "cluster", "customers"))
    return DerivedPersonas(
        view=view, table=table,
        traits=trait_rows.select("persona", "cluster", "rank", "feature", "z", "mean", "overall", "text")
        .sort("cluster", "rank"),
        cells=cells, k=found_k, method=model["method"], criterion=model["criterion"],
        scores={int(a): b for a, b in model["scores"].items()}, features=list(model["features"]))


def derived_personas_report(dp: DerivedPersonas) -> list[dict[str, Any]]:
    """report.py's ``derived_personas``: [{"persona", "customers", "journeys", "share", "nps", "traits", "representative"}]."""
    texts = dp.traits.group_by("cluster", maintain_order=True).agg(pl.col("text"))
    by_cluster = {r["cluster"]: r["text"] for r in texts.iter_rows(named=True)}
    return [{"persona": r["persona"], "customers": r["customers"], "journeys": r["journeys"], "share": r["share"],
             "nps": r["nps"], "traits": by_cluster.get(r["cluster"], []), "representative": r["representative"]}
            for r in dp.table.iter_rows(named=True)]




VOC_GROUPS = ("stage", "channel", "touchpoint", "persona")  # what keyword figures can be split or compared by


def voc_compare(ds: Dataset, f: Filters, column: str, value: str) -> pl.DataFrame:
    """metrics.voc.distinctive: keywords of the comments whose ``column`` (stage, channel, touchpoint or the
    journey's persona) is ``value``, against the selection's other comments."""
    return distinctive(voc_store.keyword_counts(ds, f, by=[column]), column, value)


def voc_associated(ds: Dataset, f: Filters, keyword: str) -> pl.DataFrame:
    """metrics.voc.associated_words of ``keyword`` over the selection's comments."""
    counts = _keyword_counts(ds, f).select("keyword", "comments")
    return associated_words(voc_store.cooccurrence(ds, f, keyword), counts, _comments(ds, f), keyword)


def voc_split(ds: Dataset, f: Filters, by: str) -> pl.DataFrame:
    """metrics.voc.keyword_shares per ``by`` group (stage, channel, touchpoint or persona)."""
    return keyword_shares(voc_store.keyword_counts(ds, f, by=[by]), voc_store.comment_totals(ds, f, by=[by]), by)


def top_complaints(ds: Dataset, f: Filters, by: str) -> pl.DataFrame:
    """Per ``by`` group (stage or touchpoint): its top complaint keyword — the keyword most distinctive of the
    group's comments from detractor journeys against its comments from passive and promoter journeys
    (metrics.voc.distinctive, z ≥ 1.96; all the group's comments as the prior) — with its z, the detractor
    comments of the group containing it, and a quote: the newest such comment, masked. Groups without a
    distinctive keyword have no row.

    Returns ``by``, keyword, z, comments, quote.
    """
    counts = voc_store.keyword_counts(ds, f, by=[by, "journey_nps"]).with_columns(nps_class().alias("nps_class"))
    rows = []
    for value in counts[by].drop_nulls().unique().sort().to_list():
        table = distinctive(counts.filter(pl.col(by) == value), "nps_class", DETRACTOR, [PASSIVE, PROMOTER])
        if table.is_empty():
            continue
        top = table.row(0, named=True)
        said = voc_store.verbatims(ds, f, top["keyword"], group=(by, value), limit=200)
        said = said.filter(nps_class() == DETRACTOR)
        rows.append({by: value, "keyword": top["keyword"], "z": top["z"], "comments": top["target_comments"],
                     "quote": said["comment"][0] if said.height else None})
    return pl.DataFrame(rows, schema={by: pl.String, "keyword": pl.String, "z": pl.Float64, "comments": pl.Int64,
                                      "quote": pl.String})
