"""Cached data of the derived personas (issue 14): customers clustered on their behaviour, per (dataset version,
filters, arguments) through ui.data's cached dispatcher."""



import polars as pl
import streamlit as st

from figures import overview as figures
from i18n import t
from metrics.personas import default_features
from store import Dataset, Filters
from store.build.personas import customer_features
from store.episodes import customer_journeys
from ui.data import _register


@_register
def derived_personas(ds: Dataset, f: Filters, k: int | None, lang: str, features: tuple[str, ...]):
    """figures.derived_personas of the session's dataset (``ds`` with its own persona column) under the selection."""
    return figures.derived_personas(ds, f, k=k, lang=lang, features=list(features) or None)


@_register
def persona_features(ds: Dataset, f: Filters) -> dict[str, list[str]]:
    """The customer features of the data version: {"all": every feature, "default": the behavioural ones}."""

    columns = customer_features(ds).columns
    return {"all": [c for c in columns if c != "customer_id"], "default": default_features(columns)}


@_register
def derived_table(ds: Dataset, f: Filters, k: int | None, lang: str, features: tuple[str, ...]) -> pl.DataFrame:
    """The derived personas as the Personas page lists them: persona, customers, share_pct, journeys, nps, csat,
    weakest_stage, representative, episode (a link to the representative's latest journey), traits (one text)."""
    from urllib.parse import urlencode


    dp = derived_personas(ds, f, k, lang, features)
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


def choose_persona_features(default: list[str]) -> None:
    """The features multiselect's on_change: keep the choice where the dataset is opened (``persona_features``);
    the default features, or none chosen, mean the default."""
    chosen = list(st.session_state.get("derived.features") or ())
    st.session_state["persona_features"] = () if not chosen or chosen == default else tuple(chosen)


def feature_name(feature: str, lang: str | None = None) -> str:
    """A customer feature's name in ``lang`` (``channel:앱`` → "Channel share: 앱"), plain text (not markdown)."""
    kind, _, value = feature.partition(":")
    if kind == "attribute":
        return t("feat_attribute", lang, value=value)
    return t("feat_" + kind, lang, value=value) if value else t("feat_" + kind, lang)
