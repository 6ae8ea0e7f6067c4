"""NPS and CSAT 95% intervals against hand-computed values."""

import math

import numpy as np
import polars as pl
import pytest

from metrics.confidence import Z_95, csat_interval, nps_interval, two_sided_p, with_csat_ci, with_nps_ci
from metrics.nps import nps
from metrics.satisfaction import csat


def answers(promoters, passives, detractors):
    return pl.DataFrame({"nps": [10] * promoters + [8] * passives + [3] * detractors})


def test_nps_interval_uses_the_per_answer_nps_variance():
    # 50 promoters, 30 passives, 20 detractors: NPS 30, variance .5 + .2 − .3² = .61 per answer
    row = with_nps_ci(nps(answers(50, 30, 20))).row(0, named=True)
    se = 100 * math.sqrt(0.61 / 100)
    assert math.isclose(row["nps_se"], se)
    assert math.isclose(row["nps_low"], 30 - 1.959963984540054 * se)
    assert math.isclose(row["nps_high"], 30 + 1.959963984540054 * se)
    assert math.isclose(row["nps_low"], 14.692, abs_tol=1e-3) and math.isclose(row["nps_high"], 45.308, abs_tol=1e-3)


def test_nps_interval_is_clipped_to_the_nps_range():
    # [10, 9, 7, 3]: NPS 25, se = 100·sqrt((.75 − .0625)/4) = 41.46; 25 + 81.3 is clipped to 100
    row = with_nps_ci(nps(pl.DataFrame({"nps": [10, 9, 7, 3]}))).row(0, named=True)
    assert math.isclose(row["nps_low"], 25 - Z_95 * 100 * math.sqrt(0.6875 / 4))
    assert row["nps_high"] == 100.0


def test_nps_interval_of_one_group_equals_the_frame_version():
    row = with_nps_ci(nps(answers(7, 2, 3))).row(0, named=True)
    low, high = nps_interval(7, 3, 12)
    assert math.isclose(low, row["nps_low"]) and math.isclose(high, row["nps_high"])


def test_nps_interval_is_none_without_answers():
    assert nps_interval(0, 0, 0) is None
    row = with_nps_ci(nps(pl.DataFrame({"nps": [None]}, schema={"nps": pl.Int64}))).row(0, named=True)
    assert (row["nps_se"], row["nps_low"], row["nps_high"]) == (None, None, None)


def test_nps_interval_per_group_from_counts():
    counts = pl.DataFrame({"g": ["a", "a", "b"], "nps": [10, 0, 9], "n": [3, 1, 2]})
    out = with_nps_ci(nps(counts, by=["g"], weight="n"))
    a = out.filter(pl.col("g") == "a").row(0, named=True)
    # a: 3 promoters, 1 detractor → NPS 50, variance 1 − .25 = .75, se = 100·sqrt(.75/4) = 43.30
    assert math.isclose(a["nps_se"], 100 * math.sqrt(0.75 / 4))
    b = out.filter(pl.col("g") == "b").row(0, named=True)
    assert (b["nps_low"], b["nps_high"]) == (100.0, 100.0)  # no variation: a zero-width interval


def wilson(successes, n, z=Z_95):
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return 100 * (centre - half), 100 * (centre + half)


def test_csat_interval_is_the_wilson_score_interval():
    row = with_csat_ci(csat(pl.DataFrame({"satisfaction": [5, 4, 2, 1]}))).row(0, named=True)
    low, high = wilson(2, 4)
    assert math.isclose(row["csat_low"], low) and math.isclose(row["csat_high"], high)
    assert math.isclose(low, 15.0039, abs_tol=1e-4)


def test_csat_interval_stays_inside_0_100_at_the_edges():
    low, high = csat_interval(10, 10)
    assert math.isclose(low, wilson(10, 10)[0]) and math.isclose(high, 100.0)
    assert csat_interval(0, 5)[0] == 0.0


def test_csat_interval_is_none_without_ratings():
    assert csat_interval(0, 0) is None
    empty = csat(pl.DataFrame({"satisfaction": [None]}, schema={"satisfaction": pl.Float64}))
    row = with_csat_ci(empty).row(0, named=True)
    assert (row["csat_low"], row["csat_high"]) == (None, None)


def test_two_sided_p_is_scipys_normal_tail():
    from scipy.stats import norm

    z = np.array([0.0, 0.5, 1.959963984540054, -3.0, 5.0, 10.0, 40.0, np.inf, np.nan])
    got, want = two_sided_p(z), 2.0 * norm.sf(np.abs(z))
    assert np.allclose(got, want, rtol=1e-13, atol=0.0, equal_nan=True)
    assert two_sided_p(1.959963984540054) == pytest.approx(0.05, rel=1e-12)
