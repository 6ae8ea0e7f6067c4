"""The selection's models fitted once per process, whoever asks first: the Channels page's handoff effect, the Key
drivers page, the overview's summary and report.py read figures.drivers' one memo."""

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
    """Counts of the key-driver and handoff-effect fits figures.drivers runs (the real fits run), on empty caches."""
    logging.disable(logging.WARNING)  # "No runtime found" of st.cache_data outside streamlit
    st.cache_data.clear()
    drivers_figures._FITTED.clear()
    counts = {"key_drivers": 0, "handoff_effect": 0}
    for name in counts:
        real = getattr(drivers_figures, name)

        def counted(*args, name=name, real=real, **kwargs):
            counts[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(drivers_figures, name, counted)
    yield counts
    st.cache_data.clear()
    drivers_figures._FITTED.clear()
    logging.disable(logging.NOTSET)


def _fields(effect):
    return (effect.per_handoff, *effect.ci, effect.p_value, effect.n)


def test_the_handoff_effect_alone_is_the_fitted_models_effect_without_a_second_fit(tmp_path, fits):
    ds = open_dataset(str(sample_path(tmp_path)))
    f = Filters.make(channel=data.filter_options(ds)["channel"][:2])
    _, effect = data.models(ds, f)  # the Key drivers page (or the overview's summary) fits both models
    assert fits == {"key_drivers": 1, "handoff_effect": 1}
    alone = data.handoff_effect(ds, f, alone=True)  # then the Channels page on the same selection
    assert fits == {"key_drivers": 1, "handoff_effect": 1}
    assert alone.per_handoff is not None and _fields(alone) == _fields(effect)
    drivers_figures._FITTED.clear()
    assert _fields(alone) == pytest.approx(_fields(drivers_figures.handoff_model(ds, f)), rel=1e-9)  # a fresh fit


def test_the_models_after_the_effect_alone_fit_only_the_key_drivers(tmp_path, fits):
    ds = open_dataset(str(sample_path(tmp_path)))
    f = Filters.make(persona=data.filter_options(ds)["persona"][:1])
    first = data.handoff_effect(ds, f, alone=True)  # the Channels page first: the effect alone
    second = data.handoff_effect(ds, f, alone=True)
    assert fits == {"key_drivers": 0, "handoff_effect": 1}
    kd, effect = drivers_figures.models(ds, f)  # then the overview's summary: the key drivers only
    assert fits == {"key_drivers": 1, "handoff_effect": 1}
    assert _fields(first) == _fields(second) == _fields(effect)
    drivers_figures._FITTED.clear()
    fresh_kd, fresh_effect = drivers_figures.models(ds, f)
    assert _fields(effect) == pytest.approx(_fields(fresh_effect), rel=1e-9)
    assert kd.table.equals(fresh_kd.table)


def test_a_second_caller_of_the_same_selection_does_not_refit(tmp_path, fits):
    from figures import executive
    from figures.overview import statistics

    ds = open_dataset(str(sample_path(tmp_path)))
    f = Filters.make(persona=data.filter_options(ds)["persona"][:1])
    stats = statistics(ds, f)  # report.py's statistics, then its fix-first verdict, then the pages
    executive.fix_first_report(ds, f)
    data.key_drivers(ds, f)
    data.handoff_effect(ds, f)
    data.handoff_effect(ds, f, alone=True)
    assert fits == {"key_drivers": 1, "handoff_effect": 1}
    assert stats["handoff_effect"] == data.handoff_effect(ds, f).to_dict()
