"""Weighted NPS and its interval against a hand computation; raking reaches the given shares."""

from __future__ import annotations

import math

import polars as pl
import pytest

from metrics.weights import effective_n, rake, weighted_nps


def test_weighted_nps_and_its_interval_equal_a_hand_computation():
    answers = pl.DataFrame({"nps": [10, 9, 8, 6, 2, 10], "weight": [1.5, 0.5, 1.0, 2.0, 1.0, 0.5]})
    # by hand: Σw = 6.5; promoters 1.5 + 0.5 + 0.5 = 2.5; detractors 2 + 1 = 3
    p, d = 2.5 / 6.5, 3.0 / 6.5
    n_eff = 6.5 ** 2 / (1.5 ** 2 + 0.5 ** 2 + 1 + 4 + 1 + 0.5 ** 2)  # 42.25 / 8.75
    half = 1.959963984540054 * 100 * math.sqrt((p + d - (p - d) ** 2) / n_eff)
    r = weighted_nps(answers)
    assert math.isclose(r["effective_n"], 42.25 / 8.75)
    assert math.isclose(r["nps"], 100 * (p - d))
    assert math.isclose(r["nps_low"], 100 * (p - d) - half) and math.isclose(r["nps_high"], 100 * (p - d) + half)


def test_equal_weights_give_the_unweighted_nps_and_n():
    r = weighted_nps(pl.DataFrame({"nps": [10, 9, 8, 3], "weight": [2.0] * 4}))
    assert math.isclose(r["nps"], 25.0) and math.isclose(r["effective_n"], 4.0)
    assert effective_n(pl.Series([0.0, 0.0])) == 0.0


def test_raking_reaches_the_given_shares_within_a_millionth():
    frame = pl.DataFrame({"gender": ["f"] * 70 + ["m"] * 30,
                          "age": (["young"] * 50 + ["old"] * 20) + (["young"] * 10 + ["old"] * 20)})
    targets = {"gender": {"f": 0.5, "m": 0.5}, "age": {"young": 0.4, "old": 0.6}}
    w = rake(frame, targets)
    assert math.isclose(float(w.mean()), 1.0)
    for column, shares in targets.items():
        for value, share in shares.items():
            got = float(w.filter(frame[column] == value).sum()) / float(w.sum())
            assert abs(got - share) <= 1e-6


def test_raking_names_a_target_without_respondents():
    with pytest.raises(ValueError, match="no respondent has gender = x"):
        rake(pl.DataFrame({"gender": ["f", "m"]}), {"gender": {"f": 0.5, "m": 0.3, "x": 0.2}})
