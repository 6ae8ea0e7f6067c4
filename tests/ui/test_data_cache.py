"""ui.data's cache across pages: the Channels page's handoff effect taken from the selection's fitted models."""

from __future__ import annotations

import logging

import pytest
import streamlit as st

from figures import drivers as drivers_figures
from store import Filters, open_dataset
from tests.support.sample import sample_path
from ui import data


@pytest.fixture
def fits(monkeypatch):
    """Counts of drivers_figures.models and drivers_figures.handoff_model calls (the real fits run), on an empty
    cache."""
    logging.disable(logging.WARNING)  # "No runtime found" of st.cache_data outside streamlit
    st.cache_data.clear()
    data._FITTED_EFFECTS.clear()
    counts = {"models": 0, "handoff_model": 0}
    for name in counts:
        real = getattr(drivers_figures, name)

        def counted(*args, name=name, real=real):
            counts[name] += 1
            return real(*args)

        monkeypatch.setattr(drivers_figures, name, counted)
    yield counts
    st.cache_data.clear()
    data._FITTED_EFFECTS.clear()
    logging.disable(logging.NOTSET)


def _fields(effect):
    return (effect.per_handoff, *effect.ci, effect.p_value, effect.n)


def test_the_handoff_effect_alone_is_the_fitted_models_effect_without_a_second_fit(tmp_path, fits):
    ds = open_dataset(str(sample_path(tmp_path)))
    f = Filters.make(channel=data.filter_options(ds)["channel"][:2])
    fresh = drivers_figures.handoff_model(ds, f)  # fitted on its own, not through the cache
    fits["handoff_model"] = 0
    _, effect = data.models(ds, f)  # the Key drivers page (or the overview's summary) fits both models
    assert fits["models"] == 1
    alone = data.handoff_effect(ds, f, alone=True)  # then the Channels page on the same selection
    assert fits == {"models": 1, "handoff_model": 0}
    assert alone.per_handoff is not None
    assert _fields(alone) == pytest.approx(_fields(fresh), rel=1e-9)
    assert _fields(alone) == _fields(effect)


def test_the_handoff_effect_alone_is_fitted_once_per_selection(tmp_path, fits):
    ds = open_dataset(str(sample_path(tmp_path)))
    f = Filters.make(persona=data.filter_options(ds)["persona"][:1])
    first = data.handoff_effect(ds, f, alone=True)  # no models for this selection yet: the effect alone
    second = data.handoff_effect(ds, f, alone=True)
    assert fits == {"models": 0, "handoff_model": 1}
    assert _fields(first) == _fields(second) == pytest.approx(_fields(drivers_figures.handoff_model(ds, f)), rel=1e-9)
