"""Key drivers and the handoff effect: the models fitted on the selection (shared by the Key drivers and Channels pages, the overview's fix first and report.py)."""

from __future__ import annotations

import settings
from figures import privacy
from i18n import Message
from metrics.drivers import KeyDrivers, key_drivers, stage_design
from metrics.handoff_effect import HandoffEffect, handoff_effect
from store import Dataset, Filters
from store import stage_queries as sq


def _model_design(ds: Dataset, f: Filters):
    """(journeys with an answer, the models' design, min_sample): only journeys with an answer are fetched (a quarter
    fewer rows), keyed by a hash of their id (store.stage_queries.model_inputs)."""
    journeys, stage_satisfaction = sq.model_inputs(ds, f)
    m = settings.get_int("min_sample")
    return journeys, stage_design(journeys, stage_satisfaction, ds.stage_order, m), m


# The selections' fitted models in this process, keyed by what they depend on (``_key``), newest last: each model of a
# selection is fitted once, whoever asks first (report.py's statistics and its fix-first verdict, the overview's
# summary, the Key drivers page, the Channels page's effect alone); a second fit was 2–3 s at 10M events.
_FITTED: dict[tuple, dict[str, KeyDrivers | HandoffEffect]] = {}
_FITTED_MAX = 256  # a table of a few stages and an effect each


def _key(ds: Dataset, f: Filters) -> tuple:
    return ds.version, ds.facts_dir, ds.stage_order, f, settings.get_int("min_sample"), privacy.min_group()


def _remember(key: tuple, fitted: dict[str, KeyDrivers | HandoffEffect]) -> None:
    _FITTED.pop(key, None)
    _FITTED[key] = fitted
    while len(_FITTED) > _FITTED_MAX:
        _FITTED.pop(next(iter(_FITTED)))


def models(ds: Dataset, f: Filters) -> tuple[KeyDrivers, HandoffEffect]:
    """metrics.drivers.key_drivers and metrics.handoff_effect.handoff_effect over the selected journeys
    (stage satisfaction from all their touchpoints).

    Both models stand on the same journeys, stage satisfaction (2.2M rows at 10M events) and
    design: queried and built once, and each fitted once per dataset version, selection and settings in a process
    (the effect taken as ``handoff_model`` fitted it when it came first).
    """
    key = _key(ds, f)
    fitted = _FITTED.get(key, {})
    if "drivers" not in fitted:
        if privacy.selection_hidden(ds, f):
            fitted = {"drivers": hidden_drivers(), "effect": hidden_effect()}
        else:
            journeys, design, m = _model_design(ds, f)
            effect = fitted.get("effect") or handoff_effect(journeys, None, ds.stage_order, m, design=design)
            fitted = {"drivers": key_drivers(journeys, None, ds.stage_order, m, design=design), "effect": effect}
        _remember(key, fitted)
    return fitted["drivers"], fitted["effect"]


def handoff_model(ds: Dataset, f: Filters) -> HandoffEffect:
    """metrics.handoff_effect.handoff_effect as ``models`` fits it: the selection's fitted effect when either was
    asked before in this process, else the effect alone (for a page that shows no key drivers: one fit fewer,
    0.2 s at 10M events), remembered for ``models``."""
    key = _key(ds, f)
    fitted = _FITTED.get(key, {})
    if "effect" not in fitted:
        if privacy.selection_hidden(ds, f):
            effect = hidden_effect()
        else:
            journeys, design, m = _model_design(ds, f)
            effect = handoff_effect(journeys, None, ds.stage_order, m, design=design)
        fitted = {**_FITTED.get(key, {}), "effect": effect}
        _remember(key, fitted)
    return fitted["effect"]


def hidden_drivers(measure: str = "shapley_r2_share") -> KeyDrivers:
    """The key drivers of a selection too small to show: no table, fitted on nothing, and why ("it is not fitted
    on fewer than 5 customers…")."""
    return KeyDrivers(None, 0, None, measure, _not_fitted())


def hidden_effect() -> HandoffEffect:
    """The handoff effect of a selection too small to show: not estimated, and why."""
    return HandoffEffect(None, None, None, 0, _not_fitted())


def _not_fitted() -> Message:
    return Message("suppressed_model", n=privacy.min_group() or 0)
