"""Cached data of the derived personas: customers clustered on their behaviour, per (dataset version,
filters, arguments) through ui.data's cached dispatcher."""

from __future__ import annotations

import polars as pl
import streamlit as st

from figures import personas as personas_figures
from i18n import t
from store import Dataset, Filters
from ui.data import _register


@_register
def derived_personas(ds: Dataset, f: Filters, k: int | None, lang: str, features: tuple[str, ...]):
    """personas_figures.derived_personas of the session's dataset (``ds`` with its own persona column) under the selection."""
    return personas_figures.derived_personas(ds, f, k=k, lang=lang, features=list(features) or None)


@_register
def persona_features(ds: Dataset, f: Filters) -> dict[str, list[str]]:
    """figures.personas.feature_choices of the data version (filters ignored)."""
    return personas_figures.feature_choices(ds)


@_register
def derived_table(ds: Dataset, f: Filters, k: int | None, lang: str, features: tuple[str, ...]) -> pl.DataFrame:
    """figures.personas.derived_table of the cached ``derived_personas``."""
    return personas_figures.derived_table(ds, derived_personas(ds, f, k, lang, features), k, lang)


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
