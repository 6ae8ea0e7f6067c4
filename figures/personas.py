"""Personas: every KPI per persona, and personas derived by clustering customers on behaviour, named and usable as ``persona``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import polars as pl

import settings
from errors import DataError
from figures import journey_map, privacy
from i18n import t
from metrics import personas as mp
from metrics.handoffs import handoff_rate
from metrics.nps import nps
from metrics.satisfaction import ces, csat
from metrics.weakest_stage import weakest_stage
from store import Dataset, Filters
from store import queries as q
from store.episodes import customer_journeys
from store.facts import personas as sp


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
    customers: int = 0  # the selection's customers (the table's hidden personas' are not in its sum)


def _format_value(source: str, value: float | None) -> str:
    if value is None:
        return "—"
    if source.startswith(("channel:", "reach:", "touch:", "attribute:")) or source == "rated_share":
        return f"{100 * value:.0f}%"
    if source in ("median_journey_hours", "gap_hours"):
        return f"{value:.1f} h"
    return f"{value:.1f}"


def trait_phrase(source: str, value: str | None, high: bool, lang: str) -> str:
    """Words for a persona whose feature (column ``source``, an attribute's ``value``) is above (``high``) or below
    the average, in ``lang``."""

    kind = mp.kind(source)
    about = mp.subject(source, value)
    key = "ptrait_" + ("attribute" if kind.startswith("attribute:") else kind) + ("_high" if high else "_low")
    return t(key, lang, value=about) if about else t(key, lang)


def _clustered(ds: Dataset, k: int | None, method: str, features: Sequence[str] | None):
    """(assignment: customer_id, cluster; model dict; used features), computed once per version and setting."""

    feats = sp.customer_features(ds)
    available = [c for c in feats.columns if c != "customer_id"]
    columns = list(features) if features else mp.default_features(feats.columns)
    unknown = [c for c in columns if c not in available]
    if unknown:
        raise DataError("persona_unknown_feature", feature=repr(unknown[0]), features=", ".join(available))
    if k is not None and k < 2:
        raise DataError("personas_k_too_small", k=k)
    key = sp.assignment_key(method, k, columns)
    assignment, model = sp.read(sp.stored(ds, key, "assignment")), sp.read_model(ds, key)
    if assignment is None or model is None:
        d = mp.design(feats, columns)
        if d.matrix.shape[1] == 0:
            raise DataError("personas_no_variation")
        if k is not None and k > len(d.matrix):
            raise DataError("personas_k_too_large", k=k, customers=f"{len(d.matrix):,}")
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
                      lambda source, value, high: trait_phrase(source, value, high, lang),
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
    customers = int(table["customers"].sum())
    # A persona of fewer than min_group selected customers shows none of its figures, nor its representative; the
    # shares add up to the whole, so complementary personas are hidden with it.
    table = privacy.hide(table.rename({"customers": "_customers"}), table.select("persona", "customers"),
                         ["persona"], ["_customers", "journeys", "share", "nps", "responses", "csat", "ratings",
                                       "weakest_stage", "representative"]).rename({"_customers": "customers"})

    def line(r: dict) -> str:
        phrase = trait_phrase(r["source"], r["value"], r["z"] > 0, lang)
        if r["mean"] is None:
            return t("trait_line_z", lang, phrase=phrase, z=f"{r['z']:+.1f}")
        return t("trait_line", lang, phrase=phrase, value=_format_value(r["source"], r["mean"]),
                 overall=_format_value(r["source"], r["overall"]), z=f"{r['z']:+.1f}")

    trait_rows = top.join(profile.select("persona", "feature", "mean", "overall"), on=["persona", "feature"],
                          how="left").rename({"persona": "cluster"}).join(label_frame, on="cluster")
    trait_rows = trait_rows.with_columns(
        text=pl.Series([line(r) for r in trait_rows.iter_rows(named=True)], dtype=pl.String))
    # A hidden persona's traits (its customers' feature means) are not shown either.
    trait_rows = trait_rows.join(table.filter(pl.col("suppressed")).select("persona"), on="persona", how="anti",
                                 maintain_order="left")
    cells = (sp.read(sp.stored(ds, key, "cells")).rename({"persona": "cluster"})
             .join(label_frame, on="cluster").select("x", "y", "persona", "cluster", "customers"))
    return DerivedPersonas(
        view=view, table=table,
        traits=trait_rows.select("persona", "cluster", "rank", "feature", "z", "mean", "overall", "text")
        .sort("cluster", "rank"),
        cells=cells, k=found_k, method=model["method"], criterion=model["criterion"],
        scores={int(a): b for a, b in model["scores"].items()}, features=list(model["features"]),
        customers=customers)


def derived_personas_report(dp: DerivedPersonas) -> list[dict[str, Any]]:
    """report.py's ``derived_personas``: [{"persona", "customers", "journeys", "share", "nps", "traits", "representative"}]."""
    texts = dp.traits.group_by("cluster", maintain_order=True).agg(pl.col("text"))
    by_cluster = {r["cluster"]: r["text"] for r in texts.iter_rows(named=True)}
    return [{"persona": r["persona"], "customers": r["customers"], "journeys": r["journeys"], "share": r["share"],
             "nps": r["nps"], "traits": by_cluster.get(r["cluster"], []), "representative": r["representative"]}
            | ({"suppressed": True} if r["suppressed"] else {})
            for r in dp.table.iter_rows(named=True)]


def persona_kpis(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Every KPI per persona (personas with journeys in the selection): persona, journeys, nps, responses, csat,
    ratings, mean_satisfaction, ces, ces_responses, median_hours, p90_hours, handoff_rate."""
    # the duration's quantiles and the handoff counts per persona from the store: a row per persona leaves DuckDB
    base = q.duration_summary(ds, f, ["persona"]).select("persona", "journeys", "median_hours", "p90_hours")
    parts = [
        nps(q.journey_counts(ds, f, "nps", by=["persona"]), by=["persona"], weight="n").select(
            "persona", "nps", "responses"),
        csat(q.touchpoint_counts(ds, f, "satisfaction", by=["persona"]), by=["persona"], weight="n").select(
            "persona", "csat", "ratings", "mean_satisfaction"),
        ces(q.touchpoint_counts(ds, f, "ces", by=["persona"]), by=["persona"], weight="n"),
        handoff_rate(q.journey_counts(ds, f, "handoffs", by=["persona"]), by=["persona"], weight="n").select(
            "persona", "handoff_rate"),
    ]
    for part in parts:
        base = base.join(part, on="persona", how="left", nulls_equal=True)
    base = base.filter(pl.col("persona").is_not_null()).with_columns(
        pl.col("responses", "ratings", "ces_responses").fill_null(0))
    if privacy.min_group() is not None:  # personas partition the journeys: complementary ones hidden too
        hidden = privacy.hide(base.select("persona"), q.customers(ds, f, ["persona"]), ["persona"], [])
        base = base.filter(~pl.col("persona").is_in(hidden.filter(pl.col("suppressed"))["persona"].implode()))
    return base.select("persona", "journeys", "nps", "responses", "csat", "ratings", "mean_satisfaction", "ces",
                       "ces_responses", "median_hours", "p90_hours", "handoff_rate")


def channel_mix(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Selected touchpoints per persona × channel: persona, channel, events, journeys, suppressed (personas named
    only). With suppression on, only the personas persona_kpis shows, and in each a channel of fewer than min_group
    customers is hidden with its complementary channels: they become one row per persona with ``channel`` null,
    ``suppressed`` true and ``events`` their touchpoints together (at least two channels and min_group customers,
    so the shares stay shares of all the persona's touchpoints without giving one small channel away)."""
    mix = q.touchpoint_volume(ds, f, ["persona", "channel"]).filter(pl.col("persona").is_not_null())
    if privacy.min_group() is None:
        return mix.with_columns(pl.lit(False).alias("suppressed"))
    mix = mix.filter(pl.col("persona").is_in(persona_kpis(ds, f)["persona"].implode()))
    marked = privacy.hide(mix, q.touchpoint_customers(ds, f, ["persona", "channel"]), ["persona", "channel"], [],
                          by=["persona"])
    pooled = (marked.filter(pl.col("suppressed")).group_by("persona", maintain_order=True)
              .agg(pl.lit(None, pl.String).alias("channel"), pl.col("events").sum(),
                   pl.lit(None, mix.schema["journeys"]).alias("journeys"), pl.lit(True).alias("suppressed")))
    return pl.concat([marked.filter(~pl.col("suppressed")), pooled.select(marked.columns)])


def weakest_stages(ds: Dataset, f: Filters, min_ratings: int) -> pl.DataFrame:
    """metrics.weakest_stage per persona over the emotion curve's per-persona ratings (``min_ratings`` is an
    argument so that it is part of the cache key); every persona of the selection has a row (stage null when
    none qualifies, also when it has no ratings at all)."""
    per_persona = journey_map.emotion_curve(ds, f).filter(pl.col("persona").is_not_null())
    weakest = weakest_stage(per_persona, ["persona"], min_ratings)
    return persona_kpis(ds, f).select("persona").join(weakest, on="persona", how="left")


def feature_choices(ds: Dataset) -> dict[str, list[str]]:
    """The customer features of the data version: {"all": every feature, "default": the behavioural ones}."""
    columns = sp.customer_features(ds).columns
    return {"all": [c for c in columns if c != "customer_id"], "default": mp.default_features(columns)}


def derived_table(ds: Dataset, dp: DerivedPersonas, k: int | None, lang: str) -> pl.DataFrame:
    """The derived personas ``dp`` as the Personas page lists them: persona, customers, share_pct, journeys, nps,
    csat, weakest_stage, representative, episode (a link to the representative's latest journey), traits (one
    text); ``k`` and ``lang`` go into the links."""
    texts = dp.traits.group_by("persona", maintain_order=True).agg(pl.col("text").str.join("; ").alias("traits"))
    source = "auto" if k is None else str(k)
    links = []
    for cid in dp.table["representative"].to_list():
        journeys = customer_journeys(ds, cid) if cid is not None else None
        if journeys is None or journeys.height == 0:
            links.append(None)
            continue
        query = {"journey": journeys["journey_id"][-1], "personas": source}
        if lang != "en":
            query["lang"] = lang
        links.append("journeys?" + urlencode(query))
    return (dp.table.with_columns(share_pct=pl.col("share") * 100, episode=pl.Series(links, dtype=pl.String))
            .join(texts, on="persona", how="left")
            .select("persona", "customers", "share_pct", "journeys", "nps", "csat", "weakest_stage", "representative",
                    "episode", "traits"))
