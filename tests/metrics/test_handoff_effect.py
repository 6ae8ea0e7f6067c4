"""The adjusted handoff effect: exact on a built frame, persona controlled, the planted −0.7 recovered."""

import math

import polars as pl
import pytest

from metrics.handoff_effect import HandoffEffect, handoff_effect, sentence
from store import Filters, open_dataset
from store import queries as q
from store import stage_queries as sq
from tests.support.sample import sample_path

SAT_SCHEMA = {"journey_id": pl.String, "stage": pl.String, "mean_satisfaction": pl.Float64, "ratings": pl.Int64}


def built(journeys=60):
    """nps = 2 − 0.5·handoffs + 0.2·events + 1.0·sat_A + 1.5 for persona "b"."""
    facts, sat = [], []
    for j in range(journeys):
        handoffs, events, a, persona = j % 4, 2 + (j * 7) % 5, 1 + (j * 3) % 5, "ab"[(j // 3) % 2]
        score = 2 - 0.5 * handoffs + 0.2 * events + 1.0 * a + (1.5 if persona == "b" else 0.0)
        facts.append((f"J{j}", score, handoffs, events, persona))
        sat.append((f"J{j}", "A", float(a), 1))
    return (pl.DataFrame(facts, schema={"journey_id": pl.String, "nps": pl.Float64, "handoffs": pl.Int64,
                                        "events": pl.Int64, "persona": pl.String}, orient="row"),
            pl.DataFrame(sat, schema=SAT_SCHEMA, orient="row"))


def test_the_effect_per_handoff_is_adjusted_for_satisfaction_depth_and_persona():
    facts, sat = built()
    effect = handoff_effect(facts, sat, ["A"], min_sample=30)
    assert effect.reason is None and effect.n == 60
    assert math.isclose(effect.per_handoff, -0.5, abs_tol=1e-9)
    d = effect.to_dict()
    assert set(d) == {"per_handoff", "ci", "p_value", "n"} and len(d["ci"]) == 2


def test_too_few_journeys_give_none_and_a_reason():
    facts, sat = built(20)
    effect = handoff_effect(facts, sat, ["A"], min_sample=30)
    assert effect.per_handoff is None and effect.to_dict() is None
    assert effect.reason == "only 20 journeys have an NPS answer (fewer than 30)"
    assert sentence(effect) is None


def test_no_variation_in_handoffs_gives_a_reason():
    facts, sat = built()
    effect = handoff_effect(facts.with_columns(pl.lit(1).alias("handoffs")), sat, ["A"], min_sample=30)
    assert effect.per_handoff is None and effect.reason == "every journey has the same number of handoffs"


@pytest.fixture(scope="module")
def sample_effect(tmp_path_factory):
    ds = open_dataset(str(sample_path(tmp_path_factory.mktemp("sample"))))
    f = Filters.make()
    facts = q.journeys(ds, f, ["journey_id", "nps", "handoffs", "events", "persona"])
    return handoff_effect(facts, sq.journey_stage_satisfaction(ds, f), ds.stage_order)


def test_the_planted_handoff_effect_is_inside_the_interval_on_the_sample(sample_effect):
    low, high = sample_effect.ci
    assert low <= -0.7 <= high  # planted: −0.7 NPS-answer points per handoff
    assert sample_effect.p_value < 0.001 and sample_effect.n > 10_000


def test_the_effect_reads_as_a_sentence(sample_effect):
    text = sentence(sample_effect)
    assert text.startswith("Journeys with one more channel handoff score 0.7 points lower on the 0–10 recommend answer, "
                           "other things equal")
    assert "costs" not in text  # an association, not a cause


def test_a_cost_states_its_interval_in_points_lost():
    effect = HandoffEffect(per_handoff=-0.7, ci=(-0.71, -0.68), p_value=0.001, n=100, reason=None)
    assert "95% CI 0.68 to 0.71; n = 100)" in sentence(effect)


def test_a_design_built_once_gives_the_same_effect_as_building_it_inside():
    from metrics.drivers import stage_design

    facts, sat = built()
    design = stage_design(facts, sat, ["A"], 30)
    assert handoff_effect(facts, sat, ["A"], 30, design=design) == handoff_effect(facts, sat, ["A"], 30)


def test_every_answer_the_same_gives_none_and_a_reason_not_a_division_by_zero():
    facts, sat = built()
    same = facts.with_columns(pl.lit(10.0).alias("nps"))
    effect = handoff_effect(same, sat, ["A"], min_sample=30)
    assert effect.per_handoff is None and effect.to_dict() is None
    assert effect.reason == "every NPS answer is the same, so nothing can explain it"


@pytest.mark.parametrize("selection", [{}, {"channel": ["모바일 앱", "콜센터"], "stage": ["가입", "이용"]}])
def test_the_models_on_hashed_journey_keys_equal_the_models_on_the_ids(tmp_path, monkeypatch, selection):
    from figures import drivers as drivers_figures
    from metrics.drivers import key_drivers, stage_design

    ds = open_dataset(str(sample_path(tmp_path)))
    f = Filters.make(**selection)
    journeys = q.journeys(ds, f, ["journey_id", "nps", "handoffs", "events", "persona"], answered=True)
    design = stage_design(journeys, sq.journey_stage_satisfaction(ds, f), ds.stage_order, 30)
    want_kd = key_drivers(journeys, None, ds.stage_order, 30, design=design)
    want_he = handoff_effect(journeys, None, ds.stage_order, 30, design=design)

    def close(x, y, where):
        if isinstance(x, float) and isinstance(y, float):
            assert math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12), where
        elif isinstance(x, tuple | list):
            assert len(x) == len(y), where
            for a, b in zip(x, y, strict=True):
                close(a, b, where)
        elif not isinstance(x, pl.DataFrame):
            assert x == y, where

    def same(a, b):
        assert a.keys() == b.keys()
        for k in a:
            close(a[k], b[k], k)

    keyed, _ = sq.model_inputs(ds, f)
    assert keyed["journey_id"].dtype == pl.UInt64 and keyed.height == journeys.height
    kd, he = drivers_figures.models(ds, f)
    same(vars(he), vars(want_he))
    same(vars(kd), vars(want_kd))
    assert kd.table.height == want_kd.table.height > 0
    for got_row, want_row in zip(kd.table.iter_rows(named=True), want_kd.table.iter_rows(named=True), strict=True):
        same(got_row, want_row)
    drivers_figures._FITTED.clear()  # the fitted models remembered: forgotten, so that the effect is fitted alone
    same(vars(drivers_figures.handoff_model(ds, f)), vars(want_he))  # the channels page's fit alone: the same effect

    # two answered journeys sharing a hash: the ids themselves are the keys
    monkeypatch.setattr(sq, "JOURNEY_HASH", "hash(journey_id) % 2")  # every other journey shares a key
    q._MEMO.clear()
    texted, _ = sq.model_inputs(ds, f)
    assert texted["journey_id"].dtype == pl.String
    drivers_figures._FITTED.clear()
    same(vars(drivers_figures.handoff_model(ds, f)), vars(want_he))


def test_the_effect_equals_statsmodels_on_a_hand_built_design_with_ties_and_missing_values():
    """Unanswered journeys, a missing persona, unrated stages and tied ratings and answers: the effect equals
    statsmodels' OLS with HC3 on the design written out by hand (row-major, as the design was built before)."""
    import numpy as np
    import statsmodels.api as sm

    facts, sat = [], []
    for j in range(90):
        handoffs, events = j % 4, 2 + (j * 7) % 5
        persona = None if j % 11 == 0 else "ab"[(j // 3) % 2]
        nps = None if j % 9 == 0 else float((j * 5) % 11)  # tied answers, some missing
        facts.append((f"J{j}", nps, handoffs, events, persona))
        sat.append((f"J{j}", "A", float(1 + j % 3), 1))  # ties
        if j % 3:  # B unrated for a third of the journeys
            sat.append((f"J{j}", "B", float(1 + (j * 2) % 5), 2))
    facts = pl.DataFrame(facts, schema={"journey_id": pl.String, "nps": pl.Float64, "handoffs": pl.Int64,
                                        "events": pl.Int64, "persona": pl.String}, orient="row")
    sat = pl.DataFrame(sat, schema=SAT_SCHEMA, orient="row")
    effect = handoff_effect(facts, sat, ["A", "B"], min_sample=30)

    answered = facts.filter(pl.col("nps").is_not_null())
    ratings = {(r["journey_id"], r["stage"]): r["mean_satisfaction"] for r in sat.iter_rows(named=True)}
    a = np.array([ratings[(j, "A")] for j in answered["journey_id"]])
    b = np.array([ratings.get((j, "B"), np.nan) for j in answered["journey_id"]])
    rated_b = ~np.isnan(b)
    persona = answered["persona"].fill_null("(none)").to_list()
    x = np.column_stack([np.ones(answered.height), answered["handoffs"].to_numpy(), answered["events"].to_numpy(),
                         [p == "b" for p in persona], [p == "(none)" for p in persona],  # reference: "a", the most
                         a - a.mean(), np.where(rated_b, b - np.nanmean(b), 0.0), rated_b]).astype(float)
    fit = sm.OLS(answered["nps"].to_numpy(), x).fit(cov_type="HC3")
    assert effect.n == answered.height
    assert effect.per_handoff == pytest.approx(fit.params[1], rel=1e-12)
    assert effect.ci == pytest.approx(tuple(fit.conf_int(0.05)[1]), rel=1e-12)
    assert effect.p_value == pytest.approx(fit.pvalues[1], rel=1e-9)
