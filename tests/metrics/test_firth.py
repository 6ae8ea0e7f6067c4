"""Firth's logistic regression agrees with its closed forms and stays finite under separation."""

from __future__ import annotations

import math

import numpy as np

from metrics.firth import firth_logit


def two_by_two(a: int, b: int, c: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    """x = 1 for a positives and b negatives, x = 0 for c positives and d negatives."""
    x = np.array([1.0] * (a + b) + [0.0] * (c + d))
    y = np.array([1.0] * a + [0.0] * b + [1.0] * c + [0.0] * d)
    return y, np.column_stack([np.ones(len(y)), x])


def test_a_two_by_two_table_gets_the_log_odds_ratio_with_half_added_to_each_cell():
    # In the saturated 2 × 2 model Firth's estimate is the log odds ratio of the cells plus ½ (Firth 1993).
    y, x = two_by_two(12, 5, 7, 20)
    fit = firth_logit(y, x)
    assert fit.converged
    assert math.isclose(fit.params[1], math.log(12.5 * 20.5 / (5.5 * 7.5)), abs_tol=1e-7)
    assert math.isclose(fit.params[0], math.log(7.5 / 20.5), abs_tol=1e-7)


def test_complete_separation_gives_finite_estimates_and_intervals():
    y, x = two_by_two(15, 0, 0, 15)  # x predicts y perfectly: maximum likelihood has no finite estimate
    fit = firth_logit(y, x)
    assert fit.converged
    assert math.isclose(fit.params[1], math.log(15.5 * 15.5 / (0.5 * 0.5)), abs_tol=1e-7)
    assert np.all(np.isfinite(fit.ci)) and fit.ci[1, 0] < fit.params[1] < fit.ci[1, 1]
    assert 0 < fit.pseudo_r2 <= 1
