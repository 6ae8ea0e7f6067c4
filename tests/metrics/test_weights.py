"""Weighted NPS, shares and their intervals against hand computations; raking reaches the given shares; response
rate and the respondents' mix test."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from errors import DataError
from metrics.weights import effective_n, mix_test, nps_shift, rake, response_rate, weighted_nps, weighted_share, wilson

Z = 1.959963984540054


def test_weighted_nps_and_its_interval_equal_a_hand_computation():
    answers = pl.DataFrame({"nps": [10, 9, 8, 6, 2, 10], "weight": [1.5, 0.5, 1.0, 2.0, 1.0, 0.5]})
    # by hand: Σw = 6.5; promoters 1.5 + 0.5 + 0.5 = 2.5; detractors 2 + 1 = 3
    p, d = 2.5 / 6.5, 3.0 / 6.5
    n_eff = 6.5 ** 2 / (1.5 ** 2 + 0.5 ** 2 + 1 + 4 + 1 + 0.5 ** 2)  # 42.25 / 8.75
    half = Z * 100 * math.sqrt((p + d - (p - d) ** 2) / n_eff)
    r = weighted_nps(answers).row(0, named=True)
    assert math.isclose(r["effective_n"], 42.25 / 8.75)
    assert math.isclose(r["nps"], 100 * (p - d))
    assert math.isclose(r["nps_low"], 100 * (p - d) - half) and math.isclose(r["nps_high"], 100 * (p - d) + half)
    assert r["responses"] == 6 and math.isclose(r["weight_sum"], 6.5)


def test_equal_weights_give_the_unweighted_nps_and_n():
    r = weighted_nps(pl.DataFrame({"nps": [10, 9, 8, 3], "weight": [2.0] * 4})).row(0, named=True)
    assert math.isclose(r["nps"], 25.0) and math.isclose(r["effective_n"], 4.0)
    assert effective_n(pl.Series([0.0, 0.0])) == 0.0


def test_weighted_nps_by_group_leaves_out_rows_without_an_answer():
    table = weighted_nps(pl.DataFrame({"nps": [10, None, 3], "weight": [2.0, 5.0, 1.0], "g": ["a", "a", "b"]}),
                         by=["g"])
    assert table["g"].to_list() == ["a", "b"]
    assert table["nps"].to_list() == [100.0, -100.0]
    assert table["responses"].to_list() == [1, 1]


def test_a_weighted_share_and_its_wilson_interval_use_the_effective_n():
    f = pl.DataFrame({"satisfaction": [5, 4, 2, 1, None], "weight": [1.0, 3.0, 1.0, 1.0, 9.0]})
    r = weighted_share(f, pl.when(pl.col("satisfaction").is_not_null()).then(pl.col("satisfaction") >= 4)).row(
        0, named=True)
    n_eff = 36 / 12  # (1 + 3 + 1 + 1)² / (1 + 9 + 1 + 1)
    p = 4 / 6
    centre = (p + Z * Z / (2 * n_eff)) / (1 + Z * Z / n_eff)
    half = Z * math.sqrt(p * (1 - p) / n_eff + Z * Z / (4 * n_eff ** 2)) / (1 + Z * Z / n_eff)
    assert r["answers"] == 4 and math.isclose(r["effective_n"], n_eff)
    assert math.isclose(r["share_pct"], 100 * p)
    assert math.isclose(r["share_low"], 100 * (centre - half)) and math.isclose(r["share_high"], 100 * (centre + half))


def test_wilson_with_whole_counts_is_statsmodels():
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(7, 20, alpha=0.05, method="wilson")
    assert wilson(7 / 20, 20) == pytest.approx((100 * low, 100 * high), abs=1e-9)


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


def test_raking_starts_from_the_base_weights_and_takes_percentages():
    frame = pl.DataFrame({"g": ["a", "a", "b", "b"]})
    w = rake(frame, {"g": {"a": 25, "b": 75}}, base=pl.Series([1.0, 3.0, 1.0, 1.0]))
    # a's rows keep their 1 : 3 ratio and share 25%; b's rows share 75%; mean 1
    assert [round(v, 9) for v in w] == [0.25, 0.75, 1.5, 1.5]


def test_raking_names_a_target_value_without_respondents():
    with pytest.raises(DataError, match="give a share to gender = x, but no respondent has that value"):
        rake(pl.DataFrame({"gender": ["f", "m"]}), {"gender": {"f": 0.5, "m": 0.3, "x": 0.2}})


def test_raking_names_a_value_without_a_target_and_a_missing_column():
    with pytest.raises(DataError, match="Respondents have gender = m, but the raking targets give it no share"):
        rake(pl.DataFrame({"gender": ["f", "m"]}), {"gender": {"f": 1.0}})
    with pytest.raises(DataError, match="name column .age."):
        rake(pl.DataFrame({"gender": ["f", "m"]}), {"age": {"f": 1.0}})


def test_raking_that_cannot_meet_its_targets_says_it_did_not_converge():
    # every "a" row is also "x": 30% a and 70% x cannot hold together
    frame = pl.DataFrame({"g": ["a", "b", "b"], "h": ["x", "x", "y"]})
    with pytest.raises(DataError, match="Raking did not reach the target shares"):
        rake(frame, {"g": {"a": 0.8, "b": 0.2}, "h": {"x": 0.3, "y": 0.7}}, max_iter=200)


def test_response_rate_by_hand():
    inv = pl.DataFrame({"g": ["a", "a", "a", "b"], "invited": [1, 1, 1, 1], "responded": [1, 0, 1, 0]})
    table = response_rate(inv, ["g"])
    assert table.rows() == [("a", 3, 2, pytest.approx(200 / 3)), ("b", 1, 0, 0.0)]


def test_mix_test_is_the_chi_square_test_of_the_two_by_k_table():
    from scipy.stats import chi2_contingency

    counts = pl.DataFrame({"period": ["m1", "m1", "m2", "m2"], "segment": ["x", "y", "x", "y"],
                           "respondents": [50, 50, 80, 20]})
    expected = chi2_contingency(np.array([[50, 80], [50, 20]]), correction=False).pvalue
    assert mix_test(counts) == pytest.approx(expected)
    same = counts.with_columns(pl.Series("respondents", [50, 50, 50, 50]))
    assert mix_test(same) == pytest.approx(1.0)
    assert mix_test(counts.filter(pl.col("segment") == "x")) is None


def test_nps_shift_is_the_z_test_on_the_effective_n():
    now = weighted_nps(pl.DataFrame({"nps": [10] * 30 + [0] * 10, "weight": [1.0] * 40})).row(0, named=True)
    before = weighted_nps(pl.DataFrame({"nps": [10] * 10 + [0] * 30, "weight": [1.0] * 40})).row(0, named=True)
    delta, p = nps_shift(now, before)
    se = math.sqrt(2 * (1 - 0.25) / 40) * 100
    assert delta == pytest.approx(100.0)
    assert p == pytest.approx(math.erfc(100.0 / se / math.sqrt(2)))
