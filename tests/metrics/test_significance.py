"""Tests of period-over-period changes: NPS z test on the NPS variance, CSAT two-proportion z test."""

import math

from metrics.significance import csat_change, nps_change


def nps_row(promoters, detractors, responses):
    return {"promoters": promoters, "detractors": detractors, "responses": responses}


def test_nps_change_is_a_z_test_on_the_nps_variance():
    # 60/20 of 100 vs 40/30 of 100: Δ = 40 − 10 = 30 points; variances .8 − .16 = .64 and .7 − .01 = .69
    c = nps_change(nps_row(60, 20, 100), nps_row(40, 30, 100))
    z = 30 / math.sqrt(100**2 * (0.64 / 100 + 0.69 / 100))
    assert math.isclose(c.delta, 30.0)
    assert math.isclose(c.p_value, math.erfc(z / math.sqrt(2)))
    assert math.isclose(c.p_value, 0.0092863, rel_tol=1e-4)
    assert c.significant is True and c.small_sample is False and c.reason is None


def test_a_small_nps_change_is_not_significant():
    c = nps_change(nps_row(41, 30, 100), nps_row(40, 30, 100))
    assert c.p_value > 0.05 and c.significant is False


def test_small_samples_are_flagged_with_the_reason():
    c = nps_change(nps_row(8, 1, 10), nps_row(40, 30, 100), min_sample=30)
    assert c.small_sample is True
    assert c.reason == "small sample: 10 answers in the current period (fewer than 30)"
    assert c.p_value is not None


def test_nps_change_without_answers_on_one_side_is_not_tested():
    c = nps_change(nps_row(5, 1, 10), nps_row(0, 0, 0))
    assert (c.delta, c.p_value, c.significant) == (None, None, None)
    assert c.reason == "no NPS answers in the previous period"


def test_nps_change_without_any_variation_is_not_tested():
    c = nps_change(nps_row(50, 0, 50), nps_row(0, 40, 40))
    assert c.delta == 200.0 and c.p_value is None and c.significant is None
    assert "no variation" in c.reason


def test_csat_change_is_a_pooled_two_proportion_z_test():
    # 80/100 vs 70/100: pooled .75, se = sqrt(.75·.25·(1/100 + 1/100)), z = .1 / se = 1.633
    c = csat_change({"satisfied": 80, "ratings": 100}, {"satisfied": 70, "ratings": 100})
    z = 0.1 / math.sqrt(0.75 * 0.25 * 0.02)
    assert math.isclose(c.delta, 10.0)
    assert math.isclose(c.p_value, math.erfc(z / math.sqrt(2)))
    assert c.significant is False


def test_csat_change_without_ratings_or_variation_is_not_tested():
    assert csat_change({"satisfied": 3, "ratings": 4}, {"satisfied": 0, "ratings": 0}).reason == \
        "no satisfaction ratings in the previous period"
    c = csat_change({"satisfied": 40, "ratings": 40}, {"satisfied": 35, "ratings": 35})
    assert c.delta == 0.0 and c.p_value is None
